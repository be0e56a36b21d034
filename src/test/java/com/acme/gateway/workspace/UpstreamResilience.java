package com.acme.gateway.workspace;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.springframework.context.ApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;

/**
 * Test support: forget the circuit breaker's and the shared credential guard's history. Registered
 * in {@code META-INF/spring.factories} as a listener, so every test method of a Spring test starts
 * with a closed breaker and a proven, unpaused key, whatever earlier tests in the cached context or
 * the shared in-memory database left behind.
 */
public final class UpstreamResilience implements TestExecutionListener, Ordered {

    /**
     * Every key in the guard without failures or pause, proven (as after a success) or not (as new),
     * and no lease row (PostgreSQL; on H2 the leases are in memory and end with their requests).
     */
    public static void resetGuard(JdbcClient jdbc, boolean proven) {
        jdbc.sql("UPDATE upstream_credential_guard SET failures = 0, proven = :proven, paused_until = NULL")
                .param("proven", proven).update();
        jdbc.sql("DELETE FROM upstream_send_leases").update();
    }

    /** The breaker closed and every key in the guard proven and healthy. */
    @Override
    public void beforeTestMethod(TestContext testContext) {
        ApplicationContext context = testContext.getApplicationContext();
        if (context.getBeanProvider(CredentialGuard.class).getIfAvailable() != null) {
            context.getBean(CircuitBreakerRegistry.class).circuitBreaker(WorkspaceClient.INSTANCE).reset();
            resetGuard(context.getBean(JdbcClient.class), true);
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
