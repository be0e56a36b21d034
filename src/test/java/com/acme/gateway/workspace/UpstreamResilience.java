package com.acme.gateway.workspace;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Test support: forget the circuit breaker's and the shared credential guard's history between tests. */
public final class UpstreamResilience {

    private UpstreamResilience() {
    }

    /** The breaker closed, and every key in the guard proven and healthy, as after a success. */
    public static void reset(ApplicationContext context) {
        context.getBean(CircuitBreakerRegistry.class).circuitBreaker(WorkspaceClient.INSTANCE).reset();
        context.getBean(JdbcClient.class).sql("""
                UPDATE upstream_credential_guard SET failures = 0, proven = TRUE, probe_seq = NULL, probe_until = NULL,
                    paused_until = NULL""").update();
    }
}
