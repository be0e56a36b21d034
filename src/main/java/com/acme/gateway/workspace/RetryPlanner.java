package com.acme.gateway.workspace;

import com.acme.gateway.workspace.UpstreamException.Failure;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides after a failed attempt whether to try again, and when: only for failures that prove the
 * request was not processed, within the attempt limit, the overall deadline and the retry budget.
 */
final class RetryPlanner {

    private static final Logger log = LoggerFactory.getLogger(RetryPlanner.class);

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

    /**
     * What a failed attempt throws: {@code failure} itself when it must be the answer, otherwise a
     * {@link RetryPlanned} for the Retry.
     */
    RuntimeException afterFailure(Instant started, int attempts, UpstreamException failure) {
        if (!RETRYABLE.contains(failure.failure())) {
            return failure;
        }
        if (attempts >= maxAttempts) {
            return RetryPlanned.pastAttemptLimit(failure);
        }
        Duration wait = backoff.delay(attempts, failure.retryAfter());
        if (Duration.between(started, clock.instant()).plus(wait).compareTo(deadline) > 0) {
            stoppedByDeadline.increment();
            return failure;
        }
        if (!budget.tryAcquireRetry()) {
            stoppedByBudget.increment();
            return failure;
        }
        log.atInfo().addKeyValue("upstream_attempt", attempts).addKeyValue("upstream_failure", failure.failure())
                .addKeyValue("retry_in_ms", wait.toMillis())
                .log("Upstream attempt {} was not processed ({}); retrying in {} ms", attempts, failure.failure(),
                        wait.toMillis());
        return RetryPlanned.after(failure, wait);
    }

    private static Counter suppressed(MeterRegistry meters, String reason) {
        return Counter.builder("gateway.upstream.retries.suppressed")
                .description("Safe retries not made because of the overall deadline or the retry budget")
                .tag("reason", reason).register(meters);
    }
}
