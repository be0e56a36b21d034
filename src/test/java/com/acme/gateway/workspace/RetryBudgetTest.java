package com.acme.gateway.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.gateway.MutableClock;
import com.acme.gateway.workspace.ResilienceProperties.BudgetSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RetryBudgetTest {

    final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    final RetryBudget budget = new RetryBudget(new BudgetSettings(0.2, 3, Duration.ofSeconds(10)), clock);

    @Test
    void aQuietGatewayMayStillRetryUpToTheFloor() {
        budget.recordCall();

        assertThat(retriesGranted(10)).isEqualTo(3);
    }

    @Test
    void keepsRetriesUnderTheRatioOfRecentCalls() {
        calls(100);

        assertThat(retriesGranted(100)).isEqualTo(20);
    }

    @Test
    void grantsMoreRetriesAsMoreCallsArrive() {
        calls(20);
        assertThat(retriesGranted(10)).isEqualTo(4);

        calls(10);
        assertThat(retriesGranted(10)).isEqualTo(2);
    }

    @Test
    void forgetsCallsAndRetriesOlderThanTheWindow() {
        calls(50);
        clock.advance(Duration.ofSeconds(5));
        calls(50);
        assertThat(retriesGranted(100)).isEqualTo(20);

        clock.advance(Duration.ofSeconds(5));
        assertThat(retriesGranted(100)).as("the first 50 calls left the window, the retries did not").isZero();

        clock.advance(Duration.ofSeconds(5));
        assertThat(retriesGranted(100)).as("everything left the window: back to the floor").isEqualTo(3);
    }

    private void calls(int n) {
        IntStream.range(0, n).forEach(i -> budget.recordCall());
    }

    private long retriesGranted(int asked) {
        return IntStream.range(0, asked).filter(i -> budget.tryAcquireRetry()).count();
    }
}
