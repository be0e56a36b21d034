package com.acme.gateway.idempotency;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Idempotency keys shared by all replicas through the database, always scoped to a team. A claim
 * is atomic through the table's primary key (no check-then-insert); an expired key counts as
 * absent. Database failures surface as {@link IdempotencyUnavailableException}.
 */
@Component
public class IdempotencyStore {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyStore.class);
    private static final int CLAIM_ATTEMPTS = 3;
    /** Bounds the memory a long outage can take; beyond it keys fall back to abandonment. */
    private static final int MAX_UNRELEASED = 10_000;

    private final IdempotencyKeyTable table;
    private final Queue<Unreleased> unreleased = new ConcurrentLinkedQueue<>();
    private final int purgeBatchSize;
    private final Duration inFlightTimeout;
    private final Clock clock;

    IdempotencyStore(JdbcClient jdbc, IdempotencyProperties properties, ObjectProvider<Clock> clock) {
        this.table = new IdempotencyKeyTable(jdbc, properties.retention(), properties.inFlightTimeout());
        this.purgeBatchSize = properties.purgeBatchSize();
        this.inFlightTimeout = properties.inFlightTimeout();
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    /** How long a claim may stay in flight before it counts as {@link Claim.Abandoned}. */
    public Duration inFlightTimeout() {
        return inFlightTimeout;
    }

    /**
     * Claims {@code key} for {@code team}, or says who holds it. Of concurrent claims of one key
     * exactly one is {@link Claim.Claimed}.
     *
     * @throws IllegalArgumentException when the key fails {@link IdempotencyKeys#isValid}
     */
    public Claim claim(String team, String key, String fingerprint, UUID auditId) {
        if (!IdempotencyKeys.isValid(key)) {
            throw new IllegalArgumentException("invalid idempotency key");
        }
        return guarded(() -> {
            // the row seen as a conflict can vanish before it is read (released, expired): try again
            for (int attempt = 0; attempt < CLAIM_ATTEMPTS; attempt++) {
                OffsetDateTime now = now();
                table.deleteIfExpired(team, key, now);
                if (table.insertInFlight(team, key, fingerprint, auditId, now)) {
                    return new Claim.Claimed();
                }
                Optional<Claim> existing = table.find(team, key, fingerprint, now);
                if (existing.isPresent()) {
                    return existing.get();
                }
            }
            throw new IdempotencyUnavailableException("idempotency key kept changing while being claimed");
        });
    }

    /**
     * Stores the answer of the key claimed by request {@code auditId}; the key is then kept for the
     * retention, counted from now. A claim since settled as abandoned or taken over is left alone.
     */
    public void complete(String team, String key, UUID auditId, StoredAnswer answer) {
        if (!guarded(() -> table.complete(team, key, auditId, answer, now()))) {
            log.warn("Idempotency key of team {} was no longer in flight for execution {} when its answer was stored",
                    team, auditId);
        }
    }

    /**
     * Stores {@code answer} for a claim reported {@link Claim.Abandoned}; false when another request
     * settled it first or its owner completed it after all (claim again to read that answer).
     */
    public boolean settleAbandoned(String team, String key, UUID auditId, StoredAnswer answer) {
        return guarded(() -> table.settleAbandoned(team, key, auditId, answer, now()));
    }

    /**
     * Replaces the answer stored for request {@code auditId}, e.g. once its unknown outcome is
     * resolved, and ends its claim if it was still in flight: call it only when that request's
     * upstream call is over. False when the key is gone or now belongs to another request.
     */
    public boolean replaceAnswer(String team, String key, UUID auditId, StoredAnswer answer) {
        return guarded(() -> table.replaceAnswer(team, key, auditId, answer, now()));
    }

    /**
     * Gives back the in-flight claim of request {@code auditId}, whose request never ran (nothing
     * sent upstream), so the key can be used again; another request's claim is left alone. When
     * the store is unreachable the release is remembered and retried by {@link #retryReleases()},
     * so that a key whose request provably never ran is not later taken for a lost one.
     */
    public void release(String team, String key, UUID auditId) {
        try {
            guarded(() -> {
                table.deleteInFlight(team, key, auditId);
                return null;
            });
        } catch (IdempotencyUnavailableException e) {
            if (unreleased.size() < MAX_UNRELEASED) {
                unreleased.add(new Unreleased(team, key, auditId));
            }
            throw e;
        }
    }

    /** Retries the releases that failed while the store was unreachable; returns how many went through. */
    int retryReleases() {
        int released = 0;
        for (Unreleased pending = unreleased.peek(); pending != null; pending = unreleased.peek()) {
            Unreleased claim = pending;
            guarded(() -> {
                table.deleteInFlight(claim.team(), claim.key(), claim.auditId());
                return null;
            });
            unreleased.remove(claim);
            released++;
        }
        return released;
    }

    /** Deletes expired keys in batches; safe to run on several replicas at once. Returns how many went. */
    public int purgeExpired() {
        OffsetDateTime now = now();
        int total = 0;
        int deleted;
        do {
            deleted = guarded(() -> table.deleteExpired(now, purgeBatchSize));
            total += deleted;
        } while (deleted == purgeBatchSize);
        return total;
    }

    private OffsetDateTime now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }

    private static <T> T guarded(Supplier<T> work) {
        try {
            return work.get();
        } catch (DataAccessException e) {
            throw new IdempotencyUnavailableException("idempotency store unavailable", e);
        }
    }

    /** A claim whose request never ran, still to be given back. */
    private record Unreleased(String team, String key, UUID auditId) {
    }
}
