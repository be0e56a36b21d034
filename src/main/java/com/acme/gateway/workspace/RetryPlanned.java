package com.acme.gateway.workspace;

import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.core.functions.Either;
import java.time.Duration;

/**
 * An attempt failed in a way that is safe to retry, and the deadline and the retry budget allow
 * it after {@code delay}. The only exception the {@code workspace} Retry retries; the delay is
 * decided with the call's own deadline in view, which Resilience4j's interval function cannot see.
 */
final class RetryPlanned extends RuntimeException {

    /** Resilience4j's interval function: the planned delay, in milliseconds. */
    static final IntervalBiFunction<Object> PLANNED_DELAY = (attempt, outcome) -> waitMillis(outcome);

    private final UpstreamException failure;
    private final Duration delay;

    RetryPlanned(UpstreamException failure, Duration delay) {
        super(failure.getMessage(), failure, false, false);
        this.failure = failure;
        this.delay = delay;
    }

    UpstreamException failure() {
        return failure;
    }

    private static long waitMillis(Either<Throwable, ?> outcome) {
        if (outcome.isLeft() && outcome.getLeft() instanceof RetryPlanned planned) {
            return planned.delay.toMillis();
        }
        throw new IllegalStateException("the workspace retry only retries planned failures");
    }
}
