package com.acme.gateway.workspace;

import com.acme.gateway.workspace.UpstreamException.Failure;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Decides after a failed attempt whether to try again, and when: only for failures that prove the
 * request was not processed, within the attempt limit, the overall deadline and the retry budget.
 */
final class RetryPlanner {

    /** Nothing reached the service, or it said it did not process the request. */
    private static final Set<Failure> RETRYABLE = EnumSet.of(Failure.NOT_SENT, Failure.THROTTLED);

    private final Backoff backoff;
    private final RetryBudget budget;
    private final Duration deadline;
    private final int maxAttempts;
    private final Clock clock;
    private final Counter stoppedByDeadline;
    private final Counter stoppedByBudget;

    RetryPlanner(Backoff backoff, RetryBudget budget, Duration deadline, int maxAttempts, Clock clock,
            MeterRegistry meters) {
        this.backoff = backoff;
        this.budget = budget;
        this.deadline = deadline;
        this.maxAttempts = maxAttempts;
        this.clock = clock;
        this.stoppedByDeadline = suppressed(meters, "deadline");
        this.stoppedByBudget = suppressed(meters, "budget");
    }

    /** A caller's request starts: counts it for the retry budget and starts its deadline. */
    Instant start() {
        budget.recordCall();
        return clock.instant();
    }

    /** The wait before the next attempt, or empty when {@code failure} must be the answer. */
    Optional<Duration> nextWait(Instant started, int attempts, UpstreamException failure) {
        if (!RETRYABLE.contains(failure.failure()) || attempts >= maxAttempts) {
            return Optional.empty();
        }
        Duration wait = backoff.delay(attempts, failure.retryAfter());
        if (Duration.between(started, clock.instant()).plus(wait).compareTo(deadline) > 0) {
            stoppedByDeadline.increment();
            return Optional.empty();
        }
        if (!budget.tryAcquireRetry()) {
            stoppedByBudget.increment();
            return Optional.empty();
        }
        return Optional.of(wait);
    }

    private static Counter suppressed(MeterRegistry meters, String reason) {
        return Counter.builder("gateway.upstream.retries.suppressed")
                .description("Safe retries not made because of the overall deadline or the retry budget")
                .tag("reason", reason).register(meters);
    }
}
