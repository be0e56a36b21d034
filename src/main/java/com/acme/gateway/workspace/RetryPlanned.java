package com.acme.gateway.workspace;

import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.core.functions.Either;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * An attempt failed in a way that is safe to retry: the only exception the {@code workspace} Retry
 * retries. The delay is decided with the call's own deadline and the retry budget in view, which
 * Resilience4j's interval function cannot see. At the attempt limit there is no delay: Resilience4j
 * ends the call itself there, so that its meters count it as failed after retries.
 */
final class RetryPlanned extends RuntimeException {

    /** Resilience4j's interval function: the planned delay, in milliseconds. */
    static final IntervalBiFunction<Object> PLANNED_DELAY = (attempt, outcome) -> waitMillis(outcome);

    private final UpstreamException failure;
    private final @Nullable Duration delay;

    private RetryPlanned(UpstreamException failure, @Nullable Duration delay) {
        super(failure.getMessage(), failure, false, false);
        this.failure = failure;
        this.delay = delay;
    }

    static RetryPlanned after(UpstreamException failure, Duration delay) {
        return new RetryPlanned(failure, delay);
    }

    static RetryPlanned pastAttemptLimit(UpstreamException failure) {
        return new RetryPlanned(failure, null);
    }

    UpstreamException failure() {
        return failure;
    }

    private static long waitMillis(Either<Throwable, ?> outcome) {
        if (outcome.isLeft() && outcome.getLeft() instanceof RetryPlanned planned && planned.delay != null) {
            return planned.delay.toMillis();
        }
        throw new IllegalStateException("the workspace retry only waits for planned retries");
    }
}
