package com.acme.gateway.workspace;

import com.acme.gateway.workspace.ResilienceProperties.BackoffSettings;
import java.time.Duration;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * How long to wait before a retry: the upstream's {@code Retry-After} when it gave one (up to a
 * cap), otherwise exponential backoff with full jitter, {@code random(0, min(cap, base·2^(n-1)))}
 * before the n-th retry, so that many callers failing together do not come back together.
 */
final class Backoff {

    private static final int MAX_DOUBLINGS = 30;

    private final BackoffSettings settings;
    private final RandomGenerator random;

    Backoff(BackoffSettings settings, RandomGenerator random) {
        this.settings = settings;
        this.random = random;
    }

    /** The wait before retry number {@code retry} (1 for the first retry). */
    Duration delay(int retry, @Nullable Duration retryAfter) {
        if (retryAfter != null) {
            return retryAfter.compareTo(settings.maxRetryAfter()) > 0 ? settings.maxRetryAfter() : retryAfter;
        }
        return Duration.ofMillis(random.nextLong(ceiling(retry).toMillis() + 1));
    }

    /** The largest wait full jitter can pick before retry number {@code retry}. */
    Duration ceiling(int retry) {
        int doublings = Math.clamp(retry - 1, 0, MAX_DOUBLINGS);
        long exponential = settings.base().toMillis() << doublings;
        return Duration.ofMillis(Math.min(settings.cap().toMillis(), exponential));
    }
}
