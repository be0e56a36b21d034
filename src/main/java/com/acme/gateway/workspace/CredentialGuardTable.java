package com.acme.gateway.workspace;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The SQL behind {@link CredentialGuard}, portable to PostgreSQL and H2 in PostgreSQL mode. One
 * guard row per credential (the SHA-256 of an access key id) and one lease per request out.
 * With shared leases (PostgreSQL, every replica) a lease is a row of {@code upstream_send_leases}
 * and an admission is one call of the function {@code upstream_admit} (migrations V11, V12), which
 * locks the guard row, decides and takes the lease in one autocommitted statement, so that the
 * decision to send and the lease it takes are one step for all replicas and the row stays locked
 * for no round trip; its commit waits for the WAL flush, so the lease is on disk when it returns.
 * A lease's end does not wait for the flush (V12): lost in a crash, the lease lapses by itself.
 * The embedded H2 serves one replica, so there the leases are kept in this JVM and an admission is
 * one step under a lock of this object; the guard row (failures, proof, pause) is in the database
 * either way, so it survives a restart. Every other method is a single statement, atomic on its own.
 */
final class CredentialGuardTable {

    /** What an admission decided, under the guard row's lock. */
    sealed interface Admission {
    }

    /** Request {@code seq} holds a lease; {@code probe} when it is the one request of an unproven key. */
    record Admitted(long seq, boolean probe) implements Admission {
    }

    /** A pause runs until {@code until}. */
    record Paused(Instant until) implements Admission {
    }

    /** The key is unproven and another request is out: no probe now. */
    record ProbeBusy() implements Admission {
    }

    /** The cap of requests in flight across all replicas is reached. */
    record Full() implements Admission {
    }

    /** The guard row as an admission reads it. */
    private record Row(long seq, int failures, boolean proven, @Nullable Instant pausedUntil) {

        /** A success was seen and no 401 since: requests go out up to the cap, without a probe. */
        boolean healthy() {
            return proven && failures == 0;
        }
    }

    /** A lease kept in this JVM: whose it is and when it lapses. */
    private record Lease(String credential, Instant until) {
    }

    private final JdbcClient jdbc;
    /** Leases by send number when they are kept in this JVM; null when they are rows of the shared table. */
    private final @Nullable Map<Long, Lease> local;

    CredentialGuardTable(JdbcClient jdbc, boolean sharedLeases) {
        this.jdbc = jdbc;
        this.local = sharedLeases ? null : new HashMap<>();
    }

    /** Adds the row of this credential, unproven, unless it exists. */
    void create(String credential) {
        jdbc.sql("""
                INSERT INTO upstream_credential_guard (credential, failures, proven, last_failed_seq)
                VALUES (:credential, 0, FALSE, 0) ON CONFLICT DO NOTHING""")
                .param("credential", credential)
                .update();
    }

    /**
     * Decides whether one more request may go out, and if so takes its send number and a lease
     * until {@code leaseUntil}, all under the guard row's lock: while healthy, up to {@code healthyCap}
     * live leases; while unproven, one probe and only when no other lease is live (requests sent
     * before the key went bad may still be out and answer 401). Empty when the row is missing.
     */
    Optional<Admission> admit(String credential, int healthyCap, Instant now, Instant leaseUntil) {
        if (local == null) {
            return jdbc.sql("""
                    SELECT seq, failures, proven, paused_until, leased
                    FROM upstream_admit(:credential, :cap, :now, :until)""")
                    .param("credential", credential)
                    .param("cap", healthyCap)
                    .param("now", timestamp(now))
                    .param("until", timestamp(leaseUntil))
                    .query((rs, n) -> {
                        boolean leased = rs.getBoolean("leased");
                        return admission(row(rs), now, () -> leased);
                    })
                    .optional();
        }
        synchronized (local) {
            return jdbc.sql("""
                    SELECT nextval('upstream_send_seq') AS seq, failures, proven, paused_until
                    FROM upstream_credential_guard WHERE credential = :credential""")
                    .param("credential", credential)
                    .query((rs, n) -> row(rs))
                    .optional()
                    .map(row -> admission(row, now, () -> leaseLocally(credential, row.seq(),
                            row.healthy() ? healthyCap : 1, now, leaseUntil)));
        }
    }

    /**
     * What the guard row allows: nothing while paused, else whatever {@code lease} says, the one
     * rule {@code upstream_admit} applies too.
     */
    private static Admission admission(Row row, Instant now, BooleanSupplier lease) {
        if (row.pausedUntil() != null && now.isBefore(row.pausedUntil())) {
            return new Paused(row.pausedUntil());
        }
        if (!lease.getAsBoolean()) {
            return row.healthy() ? new Full() : new ProbeBusy();
        }
        return new Admitted(row.seq(), !row.healthy());
    }

    private static Row row(ResultSet rs) throws SQLException {
        return new Row(rs.getLong("seq"), rs.getInt("failures"), rs.getBoolean("proven"),
                instant(rs.getObject("paused_until", OffsetDateTime.class)));
    }

    /** Takes lease {@code seq} unless {@code cap} leases of the credential are live; called under the lock of {@link #local}. */
    private boolean leaseLocally(String credential, long seq, int cap, Instant now, Instant leaseUntil) {
        Map<Long, Lease> leases = Objects.requireNonNull(local);
        long live = leases.values().stream().filter(l -> l.credential().equals(credential) && l.until().isAfter(now)).count();
        if (live >= cap) {
            return false;
        }
        leases.put(seq, new Lease(credential, leaseUntil));
        return true;
    }

    /** Request {@code seq} is no longer out. */
    void endLease(long seq) {
        if (local == null) {
            jdbc.sql("CALL upstream_end_lease(:seq)").param("seq", seq).update();
            return;
        }
        synchronized (local) {
            local.remove(seq);
        }
    }

    /**
     * Deletes the lease rows that lapsed before {@code now} (of replicas that died with requests out);
     * they no longer count. Leases kept in memory die with their replica, and every other one ends
     * with its request, so there is nothing to sweep.
     */
    void deleteLapsed(Instant now) {
        if (local == null) {
            jdbc.sql("DELETE FROM upstream_send_leases WHERE expires_at <= :now").param("now", timestamp(now)).update();
        }
    }

    /** The end of the current pause, if any. */
    Optional<Instant> pausedUntil(String credential) {
        return jdbc.sql("SELECT paused_until FROM upstream_credential_guard WHERE credential = :credential")
                .param("credential", credential)
                .query((rs, row) -> Optional.ofNullable(instant(rs.getObject("paused_until", OffsetDateTime.class))))
                .optional()
                .flatMap(until -> until);
    }

    /**
     * Request {@code seq} was answered with the credentials accepted: clears the failures and any
     * pause, but only when no request sent after it was refused since.
     */
    void succeeded(String credential, long seq) {
        jdbc.sql("""
                UPDATE upstream_credential_guard SET failures = 0, proven = TRUE, paused_until = NULL
                WHERE credential = :credential AND last_failed_seq < :seq""")
                .param("credential", credential)
                .param("seq", seq)
                .update();
    }

    /**
     * Request {@code seq} was answered 401: one more consecutive failure, and at {@code threshold}
     * the pause, in the same statement, so that no probe can slip out in between. True when this
     * call started the pause. Call it before ending the request's lease, so that no admission sees
     * a free lease and a healthy key after the 401 came back.
     */
    boolean refused(String credential, long seq, int threshold, Instant now, Instant until) {
        jdbc.sql("""
                UPDATE upstream_credential_guard SET failures = failures + 1,
                    last_failed_seq = GREATEST(last_failed_seq, :seq),
                    pause_seq = CASE WHEN failures + 1 >= :threshold AND (paused_until IS NULL OR paused_until <= :now)
                        THEN :seq ELSE pause_seq END,
                    paused_until = CASE WHEN failures + 1 >= :threshold AND (paused_until IS NULL OR paused_until <= :now)
                        THEN :until ELSE paused_until END
                WHERE credential = :credential""")
                .param("credential", credential)
                .param("seq", seq)
                .param("threshold", threshold)
                .param("now", timestamp(now))
                .param("until", timestamp(until))
                .update();
        return jdbc.sql("SELECT COUNT(*) FROM upstream_credential_guard WHERE credential = :credential AND pause_seq = :seq")
                .param("credential", credential)
                .param("seq", seq)
                .query(Long.class)
                .single() == 1;
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }

    private static @Nullable Instant instant(@Nullable OffsetDateTime value) {
        return value == null ? null : value.toInstant();
    }
}
