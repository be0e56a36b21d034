package com.acme.gateway.workspace;

import com.acme.gateway.workspace.CredentialGuardTable.Admission;
import com.acme.gateway.workspace.CredentialGuardTable.Admitted;
import com.acme.gateway.workspace.CredentialGuardTable.Full;
import com.acme.gateway.workspace.CredentialGuardTable.Paused;
import com.acme.gateway.workspace.CredentialGuardTable.ProbeBusy;
import com.acme.gateway.workspace.ResilienceProperties.LockoutSettings;
import com.acme.gateway.workspace.UpstreamException.Failure;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.TransactionException;

/**
 * Keeps the gateway from getting its AK/SK locked: Huawei locks a key for 5 minutes after more
 * than 5 authentication failures in a row. The count lives in the database shared by all
 * replicas ({@link CredentialGuardTable}), and every request out holds a lease there, at most
 * {@code maxInFlight} across all replicas. While the key is unproven (no success yet, or a 401
 * since the last success) only one request may be out, across all replicas: the probe.
 * {@code threshold} consecutive 401s pause every replica for {@code pause}. So if a working key
 * goes bad, the upstream sees at most {@code max(maxInFlight, threshold)} 401s before the pause,
 * whatever the number of replicas and callers. When the shared store cannot be read, nothing is sent.
 */
final class CredentialGuard {

    /** Who may send: the key it was admitted for, the request's send number, and whether it is the one probe. */
    record Permit(String credential, long seq, boolean probe) {
    }

    private static final Logger log = LoggerFactory.getLogger(CredentialGuard.class);
    private static final Duration BUSY_RETRY_AFTER = Duration.ofSeconds(1);
    private static final Duration STORE_DOWN_RETRY_AFTER = Duration.ofSeconds(5);
    private static final long GAUGE_MAX_AGE_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long FULL_POLL_MILLIS = 20;

    private final CredentialGuardTable table;
    private final Supplier<String> credential;
    private final Clock clock;
    private final int threshold;
    private final Duration pause;
    private final int maxInFlight;
    private final Duration inFlightWait;
    private final Duration lease;
    private final Semaphore local;
    private final Counter lockouts;
    private volatile PauseSeen pauseSeen = new PauseSeen(null, Long.MIN_VALUE);
    private volatile Instant nextSweep;

    /** {@code lease}: how long a request may be out before its lease lapses (a whole attempt and then some). */
    CredentialGuard(CredentialGuardTable table, Supplier<String> credential, LockoutSettings settings,
            Duration lease, Clock clock, MeterRegistry meters) {
        this.table = table;
        this.credential = credential;
        this.clock = clock;
        this.threshold = settings.threshold();
        this.pause = settings.pause();
        this.maxInFlight = settings.maxInFlight();
        this.inFlightWait = settings.inFlightWait();
        this.lease = lease;
        this.local = new Semaphore(maxInFlight, true);
        this.nextSweep = clock.instant().plus(lease);
        this.lockouts = Counter.builder("gateway.upstream.credential.lockouts")
                .description("Times upstream calls were paused after consecutive 401s from the Workspace API")
                .register(meters);
        Gauge.builder("gateway.upstream.credential.paused", this, guard -> guard.paused() ? 1 : 0)
                .description("1 while upstream calls are paused after consecutive 401s (on any replica), else 0")
                .register(meters);
        try {
            table.create(credential.get());
        } catch (DataAccessException e) {
            log.warn("Could not prepare the credential guard row; it is created on the first upstream call", e);
        }
    }

    /**
     * Lets one request go out, or throws with nothing sent: {@link Failure#CREDENTIALS_LOCKED}
     * while paused, while another request is the probe or when the shared store cannot be read;
     * {@link Failure#BULKHEAD_FULL} when {@code maxInFlight} requests stay out for {@code inFlightWait}.
     */
    Permit admit() {
        long deadline = System.nanoTime() + inFlightWait.toNanos();
        if (!acquireLocal()) {
            throw full();
        }
        try {
            return admitShared(deadline);
        } catch (RuntimeException e) {
            local.release();
            throw e;
        }
    }

    /**
     * Records how the request of {@code permit} ended, {@code null} for success, and ends its
     * lease. Any answer other than 401 proves the key; failures without an answer (nothing sent,
     * timeout) prove nothing. A success seen while healthy changes nothing but the lease.
     */
    void record(Permit permit, @Nullable UpstreamException failure) {
        try {
            if (failure == null || failure.status() != null && failure.status() != 401) {
                if (permit.probe()) {
                    table.succeeded(permit.credential(), permit.seq());
                    pauseSeen = new PauseSeen(table.pausedUntil(permit.credential()).orElse(null), System.nanoTime());
                }
            } else if (failure.failure() == Failure.CREDENTIALS_REFUSED) {
                refused(permit, failure.errorCode());
            }
        } catch (DataAccessException e) {
            // the next request cannot be admitted without the store either, so nothing goes out meanwhile
            log.error("Could not record the end of upstream request {} in the credential guard (401: {})",
                    permit.seq(), failure != null && failure.failure() == Failure.CREDENTIALS_REFUSED, e);
        }
        release(permit);
    }

    /** Ends the lease of a request that is no longer out, or was never sent (circuit open, bulkhead full). */
    void release(Permit permit) {
        try {
            table.endLease(permit.seq());
        } catch (DataAccessException e) {
            log.warn("Could not end the upstream lease of request {}; it lapses by itself", permit.seq(), e);
        } finally {
            local.release();
        }
        sweepLapsed();
    }

    /** At most once per lease period: lapsed leases are garbage, so this stays off the path of every request. */
    private void sweepLapsed() {
        Instant now = clock.instant();
        if (now.isBefore(nextSweep)) {
            return;
        }
        nextSweep = now.plus(lease);
        try {
            table.deleteLapsed(now);
        } catch (DataAccessException e) {
            log.warn("Could not delete lapsed upstream leases; they no longer count, the next sweep retries", e);
        }
    }

    /** Whether a pause runs, as the shared store said at most a second ago (the last value while it cannot be read). */
    boolean paused() {
        PauseSeen seen = pauseSeen;
        if (System.nanoTime() - seen.readAtNanos() > GAUGE_MAX_AGE_NANOS) {
            try {
                seen = new PauseSeen(table.pausedUntil(credential.get()).orElse(null), System.nanoTime());
                pauseSeen = seen;
            } catch (DataAccessException e) {
                log.debug("Could not read the credential guard; showing its last known state", e);
            }
        }
        return seen.until() != null && clock.instant().isBefore(seen.until());
    }

    private void refused(Permit permit, @Nullable String errorCode) {
        Instant until = clock.instant().plus(pause);
        boolean startedPause = table.refused(permit.credential(), permit.seq(), threshold, clock.instant(), until);
        if (startedPause) {
            pauseSeen = new PauseSeen(until, System.nanoTime());
            lockouts.increment();
            log.atError().addKeyValue("upstream_error_code", errorCode).addKeyValue("paused_until", until)
                    .log("Workspace API refused the gateway's credentials {} times in a row (error_code {}); no upstream "
                            + "calls from any replica until {} so that Huawei does not lock the AK/SK. Check "
                            + "workspace.credentials (wrong, expired or rotated key).", threshold, errorCode, until);
        }
    }

    private boolean acquireLocal() {
        try {
            return local.tryAcquire(inFlightWait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Takes a lease in the shared store, polling while the cap is reached by other replicas until {@code deadline}. */
    private Permit admitShared(long deadline) {
        String key = credential.get();
        while (true) {
            Instant now = clock.instant();
            Admission admission = guarded(() -> table.admit(key, maxInFlight, now, now.plus(lease)).orElseGet(() -> {
                table.create(key);
                return table.admit(key, maxInFlight, now, now.plus(lease))
                        .orElseThrow(() -> new IllegalStateException("credential guard row vanished"));
            }));
            switch (admission) {
                case Admitted admitted -> {
                    pauseSeen = new PauseSeen(null, System.nanoTime());
                    return new Permit(key, admitted.seq(), admitted.probe());
                }
                case Paused paused -> {
                    pauseSeen = new PauseSeen(paused.until(), System.nanoTime());
                    throw UpstreamException.shortCircuited(Failure.CREDENTIALS_LOCKED,
                            "upstream calls paused after repeated authentication failures",
                            Duration.between(now, paused.until()));
                }
                case ProbeBusy busy -> throw UpstreamException.shortCircuited(Failure.CREDENTIALS_LOCKED,
                        "credentials unproven and another request is out probing them", BUSY_RETRY_AFTER);
                case Full full -> {
                    if (System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(FULL_POLL_MILLIS) > deadline || !pollPause()) {
                        throw full();
                    }
                }
            }
        }
    }

    private static boolean pollPause() {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(FULL_POLL_MILLIS / 2, FULL_POLL_MILLIS + 1));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private UpstreamException full() {
        return UpstreamException.shortCircuited(Failure.BULKHEAD_FULL,
                maxInFlight + " upstream requests in flight across the replicas (the credential guard's cap)",
                BUSY_RETRY_AFTER);
    }

    private static <T> T guarded(Supplier<T> work) {
        try {
            return work.get();
        } catch (DataAccessException | TransactionException e) {
            log.warn("Credential guard store unavailable; sending nothing upstream: {}", e.getMessage());
            throw UpstreamException.shortCircuited(Failure.CREDENTIALS_LOCKED, "credential guard store unavailable",
                    STORE_DOWN_RETRY_AFTER);
        }
    }

    /** The end of a pause as last read, and when it was read ({@link System#nanoTime()}). */
    private record PauseSeen(@Nullable Instant until, long readAtNanos) {
    }
}
