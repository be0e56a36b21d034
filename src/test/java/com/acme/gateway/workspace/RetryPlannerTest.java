package com.acme.gateway.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import com.acme.gateway.MutableClock;
import com.acme.gateway.workspace.ResilienceProperties.BackoffSettings;
import com.acme.gateway.workspace.ResilienceProperties.BudgetSettings;
import com.acme.gateway.workspace.UpstreamException.Failure;
import io.github.resilience4j.core.functions.Either;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RetryPlannerTest {

    final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final RetryPlanner planner = planner(100);

    @ParameterizedTest
    @EnumSource(names = {"NOT_SENT", "THROTTLED"})
    void retriesWhatProvablyWasNotProcessed(Failure failure) {
        Instant started = planner.start();

        assertThat(plannedWait(planner.afterFailure(started, 1, failure(failure, null))))
                .isBetween(Duration.ZERO, Duration.ofMillis(100));
    }

    @ParameterizedTest
    @EnumSource(names = {"NOT_SENT", "THROTTLED"}, mode = EnumSource.Mode.EXCLUDE)
    void neverRetriesAnythingElse(Failure failure) {
        Instant started = planner.start();
        var upstream = failure(failure, null);

        assertThat(planner.afterFailure(started, 1, upstream)).isSameAs(upstream);
    }

    @Test
    void leavesTheAttemptLimitToResilience4jWithoutSpendingBudget() {
        RetryPlanner stingy = planner(1);
        Instant started = stingy.start();

        assertThat(stingy.afterFailure(started, 3, failure(Failure.NOT_SENT, null)))
                .isInstanceOfSatisfying(RetryPlanned.class, planned -> assertThatIllegalStateException()
                        .as("no planned delay at the attempt limit")
                        .isThrownBy(() -> RetryPlanned.PLANNED_DELAY.apply(3, Either.left(planned))));
        assertThat(plannedWait(stingy.afterFailure(started, 1, failure(Failure.NOT_SENT, null)))).isNotNull();
    }

    @Test
    void waitsWhatRetryAfterSaysWhenItFitsTheDeadline() {
        Instant started = planner.start();

        assertThat(plannedWait(planner.afterFailure(started, 1, failure(Failure.THROTTLED, Duration.ofSeconds(2)))))
                .isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void answersInsteadOfWaitingPastTheDeadline() {
        Instant started = planner.start();
        assertThat(planner.afterFailure(started, 1, failure(Failure.THROTTLED, Duration.ofSeconds(11))))
                .isInstanceOf(UpstreamException.class);

        clock.advance(Duration.ofMillis(9_500));
        assertThat(planner.afterFailure(started, 1, failure(Failure.THROTTLED, Duration.ofSeconds(1))))
                .isInstanceOf(UpstreamException.class);
        assertThat(plannedWait(planner.afterFailure(started, 1, failure(Failure.THROTTLED, Duration.ofMillis(500)))))
                .isEqualTo(Duration.ofMillis(500));
        assertThat(meters.counter("gateway.upstream.retries.suppressed", "reason", "deadline").count()).isEqualTo(2);
    }

    @Test
    void answersInsteadOfRetryingWhenTheBudgetIsSpent() {
        RetryPlanner stingy = planner(1);
        Instant started = stingy.start();

        assertThat(stingy.afterFailure(started, 1, failure(Failure.NOT_SENT, null))).isInstanceOf(RetryPlanned.class);
        assertThat(stingy.afterFailure(started, 2, failure(Failure.NOT_SENT, null))).isInstanceOf(UpstreamException.class);
        assertThat(meters.counter("gateway.upstream.retries.suppressed", "reason", "budget").count()).isEqualTo(1);
    }

    private static Duration plannedWait(RuntimeException thrown) {
        assertThat(thrown).isInstanceOf(RetryPlanned.class);
        return Duration.ofMillis(RetryPlanned.PLANNED_DELAY.apply(1, Either.left(thrown)));
    }

    private RetryPlanner planner(int minRetries) {
        var backoff = new Backoff(new BackoffSettings(Duration.ofMillis(100), Duration.ofSeconds(1),
                Duration.ofSeconds(30)), new Random(3));
        var budget = new RetryBudget(new BudgetSettings(0.0, minRetries, Duration.ofSeconds(10)), clock);
        return new RetryPlanner(backoff, budget, Duration.ofSeconds(10), 3, clock, meters);
    }

    static UpstreamException failure(Failure failure, @Nullable Duration retryAfter) {
        return new UpstreamException(failure, "test", null, null, null, null, retryAfter, null);
    }
}
