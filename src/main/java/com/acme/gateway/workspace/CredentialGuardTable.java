package com.acme.gateway.workspace;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The SQL behind {@link CredentialGuard}: one statement per method, each atomic on its own, so
 * replicas sharing the table never need a lock held across the network. Portable to PostgreSQL and
 * H2 in PostgreSQL mode. One row per credential (the SHA-256 of an access key id).
 */
final class CredentialGuardTable {

    /** What the guard row said when a request took its send number. */
    record Snapshot(long seq, int failures, boolean proven, @Nullable Instant pausedUntil) {

        /** A success was seen and no 401 since: requests go out without a probe. */
        boolean healthy() {
            return proven && failures == 0;
        }
    }

    /** Frees the probe when the request holding it ({@code :seq}) ends. */
    private static final String END_PROBE = " probe_until = CASE WHEN probe_seq = :seq THEN NULL ELSE probe_until END,"
            + " probe_seq = CASE WHEN probe_seq = :seq THEN NULL ELSE probe_seq END";

    private final JdbcClient jdbc;

    CredentialGuardTable(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Adds the row of this credential, unproven, unless it exists. */
    void create(String credential) {
        jdbc.sql("""
                INSERT INTO upstream_credential_guard (credential, failures, proven, last_failed_seq)
                VALUES (:credential, 0, FALSE, 0) ON CONFLICT DO NOTHING""")
                .param("credential", credential)
                .update();
    }

    /** Takes the next send number and reads the guard in the same statement; empty when the row is missing. */
    Optional<Snapshot> next(String credential) {
        return jdbc.sql("""
                SELECT nextval('upstream_send_seq') AS seq, failures, proven, paused_until
                FROM upstream_credential_guard WHERE credential = :credential""")
                .param("credential", credential)
                .query((rs, row) -> new Snapshot(rs.getLong("seq"), rs.getInt("failures"), rs.getBoolean("proven"),
                        instant(rs.getObject("paused_until", OffsetDateTime.class))))
                .optional();
    }

    /** The end of the current pause, if any. */
    Optional<Instant> pausedUntil(String credential) {
        return jdbc.sql("SELECT paused_until FROM upstream_credential_guard WHERE credential = :credential")
                .param("credential", credential)
                .query((rs, row) -> Optional.ofNullable(instant(rs.getObject("paused_until", OffsetDateTime.class))))
                .optional()
                .flatMap(until -> until);
    }

    /** Makes request {@code seq} the one probe, unless another probe's claim is still live or a pause runs. */
    boolean takeProbe(String credential, long seq, Instant now, Instant probeUntil) {
        return jdbc.sql("""
                UPDATE upstream_credential_guard SET probe_seq = :seq, probe_until = :probeUntil
                WHERE credential = :credential AND (probe_until IS NULL OR probe_until <= :now)
                    AND (paused_until IS NULL OR paused_until <= :now)""")
                .param("credential", credential)
                .param("seq", seq)
                .param("now", timestamp(now))
                .param("probeUntil", timestamp(probeUntil))
                .update() == 1;
    }

    /**
     * Request {@code seq} was answered with the credentials accepted: clears the failures and any
     * pause, but only when no request sent after it was refused since.
     */
    void succeeded(String credential, long seq) {
        jdbc.sql("UPDATE upstream_credential_guard SET"
                        + " failures = CASE WHEN last_failed_seq < :seq THEN 0 ELSE failures END,"
                        + " proven = CASE WHEN last_failed_seq < :seq THEN TRUE ELSE proven END,"
                        + " paused_until = CASE WHEN last_failed_seq < :seq THEN NULL ELSE paused_until END,"
                        + END_PROBE + " WHERE credential = :credential")
                .param("credential", credential)
                .param("seq", seq)
                .update();
    }

    /**
     * Request {@code seq} was answered 401: one more consecutive failure, and at {@code threshold}
     * the pause, in the same statement, so that no probe can slip out in between. True when this
     * call started the pause. A probe held by {@code seq} stays held; free it with {@link #endProbe}.
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

    /** Request {@code seq} ended without an answer about the credentials: only frees its probe. */
    void endProbe(String credential, long seq) {
        jdbc.sql("UPDATE upstream_credential_guard SET " + END_PROBE + " WHERE credential = :credential AND probe_seq = :seq")
                .param("credential", credential)
                .param("seq", seq)
                .update();
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }

    private static @Nullable Instant instant(@Nullable OffsetDateTime value) {
        return value == null ? null : value.toInstant();
    }
}
