package com.acme.gateway.execution;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * Runs {@link UnknownOutcomeResolver} every {@code gateway.idempotency.resolver.interval} on every
 * replica, unless {@code gateway.idempotency.resolver.enabled=false}.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnBooleanProperty(name = "gateway.idempotency.resolver.enabled", matchIfMissing = true)
class UnknownOutcomeSchedule implements SchedulingConfigurer {

    private final UnknownOutcomeResolver resolver;
    private final ResolverSettings settings;

    UnknownOutcomeSchedule(UnknownOutcomeResolver resolver, ResolverSettings settings) {
        this.resolver = resolver;
        this.settings = settings;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(new FixedDelayTask(resolver::resolveSafely, settings.interval(), settings.interval()));
    }
}
