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

    /** The breaker closed, every key in the guard proven and healthy, as after a success, and no request out. */
    public static void reset(ApplicationContext context) {
        context.getBean(CircuitBreakerRegistry.class).circuitBreaker(WorkspaceClient.INSTANCE).reset();
        JdbcClient jdbc = context.getBean(JdbcClient.class);
        jdbc.sql("UPDATE upstream_credential_guard SET failures = 0, proven = TRUE, paused_until = NULL").update();
        jdbc.sql("DELETE FROM upstream_send_leases").update();
    }

    @Override
    public void beforeTestMethod(TestContext testContext) {
        ApplicationContext context = testContext.getApplicationContext();
        if (context.getBeanProvider(CredentialGuard.class).getIfAvailable() != null) {
            reset(context);
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
