package com.acme.gateway.workspace;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreaker.State;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * How long the circuit stays open from now, for {@code Retry-After}. Resilience4j does not expose
 * it, so the moment of opening is taken from its state transitions, on the breaker's own clock.
 */
final class OpenCircuitTimer {

    /** While the half-open probe runs: its answer decides soon. */
    private static final Duration HALF_OPEN_WAIT = Duration.ofSeconds(1);

    private final CircuitBreaker breaker;
    private final Clock clock;
    private volatile @Nullable Instant openedAt;

    OpenCircuitTimer(CircuitBreaker breaker, Clock clock) {
        this.breaker = breaker;
        this.clock = clock;
        breaker.getEventPublisher().onStateTransition(event -> {
            if (event.getStateTransition().getToState() == State.OPEN) {
                openedAt = clock.instant();
            }
        });
    }

    /** The rest of the open-state wait; the full wait when the breaker was forced open. */
    Duration remaining() {
        Duration wait = Duration.ofMillis(breaker.getCircuitBreakerConfig().getWaitIntervalFunctionInOpenState().apply(1));
        Instant opened = openedAt;
        return switch (breaker.getState()) {
            case OPEN -> {
                Duration left = opened == null ? wait : Duration.between(clock.instant(), opened.plus(wait));
                yield left.isNegative() ? Duration.ZERO : left;
            }
            case HALF_OPEN -> HALF_OPEN_WAIT;
            default -> wait;
        };
    }
}
