package com.acme.gateway.workspace;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.springframework.context.ApplicationContext;

/** Test support: forget the circuit breaker's and the credential guard's history between tests. */
public final class UpstreamResilience {

    private UpstreamResilience() {
    }

    public static void reset(ApplicationContext context) {
        context.getBean(CircuitBreakerRegistry.class).circuitBreaker(WorkspaceClient.INSTANCE).reset();
        context.getBean(CredentialLockout.class).reset();
    }
}
