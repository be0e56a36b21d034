package com.acme.gateway.workspace;

import com.acme.gateway.GatewayWithMockMvc;
import com.acme.gateway.MutableClock;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Instant;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.TestPropertySource;

/**
 * The whole gateway on a {@link MutableClock} (shared with the circuit breaker, the retry budget
 * and the credential guard), with a small circuit breaker window and bulkhead so that tests can
 * reach them. Tests reset WireMock and {@link UpstreamResilience} and move the clock on.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@GatewayWithMockMvc
@Import(GatewayWithTightResilience.TestClock.class)
@TestPropertySource(properties = {
        "workspace.timeouts.read=" + GatewayWithTightResilience.READ_TIMEOUT_MILLIS + "ms",
        "resilience4j.circuitbreaker.instances.workspace.sliding-window-size=4",
        "resilience4j.circuitbreaker.instances.workspace.minimum-number-of-calls=4",
        "resilience4j.circuitbreaker.instances.workspace.wait-duration-in-open-state=10s",
        "resilience4j.bulkhead.instances.workspace.max-concurrent-calls=2",
        "workspace.resilience.retry-budget.min-retries=3"})
@interface GatewayWithTightResilience {

    /** Long enough for a slow upstream to hold the bulkhead while a test sends a burst. */
    int READ_TIMEOUT_MILLIS = 2000;

    /** An upstream delay that always ends in a read timeout. */
    int BEYOND_READ_TIMEOUT_MILLIS = READ_TIMEOUT_MILLIS + 1000;

    @TestConfiguration(proxyBeanMethods = false)
    class TestClock {

        @Bean
        @Primary
        MutableClock mutableClock() {
            return new MutableClock(Instant.parse("2026-06-01T00:00:00Z"));
        }
    }
}
