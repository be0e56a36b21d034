package com.acme.gateway.workspace;

import com.acme.gateway.workspace.CredentialGuardTable.Snapshot;
import com.acme.gateway.workspace.ResilienceProperties.LockoutSettings;
import com.acme.gateway.workspace.UpstreamException.Failure;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;

/**
 * Keeps the gateway from getting its AK/SK locked: Huawei locks a key for 5 minutes after more
 * than 5 authentication failures in a row. The count lives in the database shared by all
 * replicas ({@link CredentialGuardTable}). While the key is unproven (no success yet, or a 401
 * since the last success) only one request at a time, across all replicas, may go out: the probe.
 * {@code threshold} consecutive 401s pause every replica for {@code pause}. When the shared store
 * cannot be read, nothing is sent.
 */
final class CredentialGuard {

    /** Who may send: the key it was admitted for, the request's send number, and whether it is the one probe. */
    record Permit(String credential, long seq, boolean probe) {
    }

    private static final Logger log = LoggerFactory.getLogger(CredentialGuard.class);
    private static final Duration PROBE_BUSY_RETRY_AFTER = Duration.ofSeconds(1);
    private static final Duration STORE_DOWN_RETRY_AFTER = Duration.ofSeconds(5);
    private static final long GAUGE_MAX_AGE_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final CredentialGuardTable table;
    private final Supplier<String> credential;
    private final Clock clock;
    private final int threshold;
    private final Duration pause;
    private final Duration probeLease;
    private final Counter lockouts;
    private volatile PauseSeen pauseSeen = new PauseSeen(null, Long.MIN_VALUE);

    /** {@code probeLease}: how long a probe may be out before its claim lapses (a whole attempt and then some). */
    CredentialGuard(CredentialGuardTable table, Supplier<String> credential, LockoutSettings settings,
            Duration probeLease, Clock clock, MeterRegistry meters) {
        this.table = table;
        this.credential = credential;
        this.clock = clock;
        this.threshold = settings.threshold();
        this.pause = settings.pause();
        this.probeLease = probeLease;
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
     * Lets one request go out, or throws {@link Failure#CREDENTIALS_LOCKED} with nothing sent: while
     * paused, while another request is the probe, or when the shared store cannot be read.
     */
    Permit admit() {
        Instant now = clock.instant();
        String key = credential.get();
        Snapshot state = guarded(() -> snapshot(key));
        pauseSeen = new PauseSeen(state.pausedUntil(), System.nanoTime());
        if (state.pausedUntil() != null && now.isBefore(state.pausedUntil())) {
            throw UpstreamException.shortCircuited(Failure.CREDENTIALS_LOCKED,
                    "upstream calls paused after repeated authentication failures", Duration.between(now, state.pausedUntil()));
        }
        if (state.healthy()) {
            return new Permit(key, state.seq(), false);
        }
        if (guarded(() -> table.takeProbe(key, state.seq(), now, now.plus(probeLease)))) {
            return new Permit(key, state.seq(), true);
        }
        throw UpstreamException.shortCircuited(Failure.CREDENTIALS_LOCKED,
                "credentials unproven and another request is probing them", PROBE_BUSY_RETRY_AFTER);
    }

    /**
     * Records how the request of {@code permit} ended: {@code null} for success. Any answer other
     * than 401 proves the key; failures without an answer (nothing sent, timeout) prove nothing.
     * A success seen while healthy changes nothing, so the healthy path costs one read.
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
            } else if (permit.probe()) {
                table.endProbe(permit.credential(), permit.seq());
            }
        } catch (DataAccessException e) {
            // the next request cannot be admitted without the store either, so nothing goes out meanwhile
            log.error("Could not record the end of upstream request {} in the credential guard (401: {})",
                    permit.seq(), failure != null && failure.failure() == Failure.CREDENTIALS_REFUSED, e);
        }
    }

    /** Gives back the permit of a request that was never sent (circuit open, bulkhead full). */
    void release(Permit permit) {
        if (permit.probe()) {
            try {
                table.endProbe(permit.credential(), permit.seq());
            } catch (DataAccessException e) {
                log.warn("Could not free the credential probe of request {}; its claim lapses by itself", permit.seq(), e);
            }
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
        if (permit.probe()) {
            table.endProbe(permit.credential(), permit.seq());
        }
        if (startedPause) {
            pauseSeen = new PauseSeen(until, System.nanoTime());
            lockouts.increment();
            log.atError().addKeyValue("upstream_error_code", errorCode).addKeyValue("paused_until", until)
                    .log("Workspace API refused the gateway's credentials {} times in a row (error_code {}); no upstream "
                            + "calls from any replica until {} so that Huawei does not lock the AK/SK. Check "
                            + "workspace.credentials (wrong, expired or rotated key).", threshold, errorCode, until);
        }
    }

    private Snapshot snapshot(String key) {
        Optional<Snapshot> state = table.next(key);
        if (state.isPresent()) {
            return state.get();
        }
        table.create(key);
        return table.next(key).orElseThrow(() -> new IllegalStateException("credential guard row vanished"));
    }

    private static <T> T guarded(Supplier<T> work) {
        try {
            return work.get();
        } catch (DataAccessException e) {
            log.warn("Credential guard store unavailable; sending nothing upstream: {}", e.getMessage());
            throw UpstreamException.shortCircuited(Failure.CREDENTIALS_LOCKED, "credential guard store unavailable",
                    STORE_DOWN_RETRY_AFTER);
        }
    }

    /** The end of a pause as last read, and when it was read ({@link System#nanoTime()}). */
    private record PauseSeen(@Nullable Instant until, long readAtNanos) {
    }
}
