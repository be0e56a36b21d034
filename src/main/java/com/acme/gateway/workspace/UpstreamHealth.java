package com.acme.gateway.workspace;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The {@code upstream} health component: {@code UP}, {@code CIRCUIT_OPEN},
 * {@code CIRCUIT_HALF_OPEN} or {@code CREDENTIALS_PAUSED}. Never {@code DOWN}: those statuses are
 * not in the aggregation order, so they show on the component while overall health and readiness
 * stay {@code UP} — a sick upstream must not take the gateway out of its Service.
 */
@Component("upstream")
class UpstreamHealth implements HealthIndicator {

    private final CircuitBreaker circuitBreaker;
    private final CredentialGuard guard;

    UpstreamHealth(CircuitBreakerRegistry breakers, CredentialGuard guard) {
        this.circuitBreaker = breakers.circuitBreaker(WorkspaceClient.INSTANCE);
        this.guard = guard;
    }

    @Override
    public Health health() {
        if (guard.paused()) {
            return Health.status("CREDENTIALS_PAUSED").build();
        }
        return switch (circuitBreaker.getState()) {
            case OPEN, FORCED_OPEN -> Health.status("CIRCUIT_OPEN").build();
            case HALF_OPEN -> Health.status("CIRCUIT_HALF_OPEN").build();
            default -> Health.up().build();
        };
    }
}
