package com.acme.gateway.workspace;

import com.acme.gateway.workspace.ResilienceProperties.LockoutSettings;
import com.acme.gateway.workspace.UpstreamException.Failure;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops upstream traffic after {@code threshold} consecutive 401s, for {@code pause}: Huawei locks
 * an AK/SK for 5 minutes after more than 5 authentication failures in a row, which would take the
 * key away from every replica. After a pause, a single 401 pauses again; any other answer clears
 * the count.
 */
final class CredentialLockout {

    private static final Logger log = LoggerFactory.getLogger(CredentialLockout.class);

    private final Clock clock;
    private final int threshold;
    private final Duration pause;
    private final Counter lockouts;
    private int consecutive;
    private @Nullable Instant pausedUntil;

    CredentialLockout(LockoutSettings settings, Clock clock, MeterRegistry meters) {
        this.clock = clock;
        this.threshold = settings.threshold();
        this.pause = settings.pause();
        this.lockouts = Counter.builder("gateway.upstream.credential.lockouts")
                .description("Times upstream calls were paused after consecutive 401s from the Workspace API")
                .register(meters);
        Gauge.builder("gateway.upstream.credential.paused", this, guard -> guard.paused() ? 1 : 0)
                .description("1 while upstream calls are paused after consecutive 401s, else 0")
                .register(meters);
    }

    /** Throws {@link Failure#CREDENTIALS_LOCKED} while paused: nothing may be sent. */
    synchronized void ensureNotPaused() {
        Instant now = clock.instant();
        if (pausedUntil != null && now.isBefore(pausedUntil)) {
            throw UpstreamException.shortCircuited(Failure.CREDENTIALS_LOCKED,
                    "upstream calls paused after repeated authentication failures", Duration.between(now, pausedUntil));
        }
    }

    /** Records how an attempt ended: {@code null} for success. */
    synchronized void record(@Nullable UpstreamException failure) {
        if (failure == null || failure.status() != null && failure.status() != 401) {
            consecutive = 0;
        } else if (failure.failure() == Failure.CREDENTIALS_REFUSED && ++consecutive >= threshold && !paused()) {
            startPause(failure.errorCode());
        }
    }

    /** Forgets past failures and ends a pause, e.g. once the credentials were changed. */
    synchronized void reset() {
        consecutive = 0;
        pausedUntil = null;
    }

    synchronized boolean paused() {
        return pausedUntil != null && clock.instant().isBefore(pausedUntil);
    }

    private void startPause(@Nullable String errorCode) {
        pausedUntil = clock.instant().plus(pause);
        consecutive = threshold - 1;
        lockouts.increment();
        log.atError().addKeyValue("upstream_error_code", errorCode).addKeyValue("paused_until", pausedUntil)
                .log("Workspace API refused the gateway's credentials {} times in a row (error_code {}); no upstream "
                        + "calls until {} so that Huawei does not lock the AK/SK. Check workspace.credentials "
                        + "(wrong, expired or rotated key).", threshold, errorCode, pausedUntil);
    }
}
