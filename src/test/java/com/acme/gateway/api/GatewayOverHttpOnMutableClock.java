package com.acme.gateway.api;

import com.acme.gateway.GatewayOverHttp;
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

/**
 * {@link GatewayOverHttp} on a {@link MutableClock}, which the circuit breaker and the task status
 * cache read too, so that tests move time instead of waiting for it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@GatewayOverHttp
@Import(GatewayOverHttpOnMutableClock.TestClock.class)
@interface GatewayOverHttpOnMutableClock {

    @TestConfiguration(proxyBeanMethods = false)
    class TestClock {

        @Bean
        @Primary
        MutableClock mutableClock() {
            return new MutableClock(Instant.parse("2026-06-01T10:00:00Z"));
        }
    }
}
