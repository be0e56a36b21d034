package com.acme.gateway.idempotency;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * Purges expired idempotency keys every {@code gateway.idempotency.purge-interval}. Every replica
 * runs it; concurrent deletes of the same expired rows are harmless.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class IdempotencyPurgeJob implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyPurgeJob.class);

    private final IdempotencyStore store;
    private final IdempotencyProperties properties;

    IdempotencyPurgeJob(IdempotencyStore store, IdempotencyProperties properties) {
        this.store = store;
        this.properties = properties;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(new FixedDelayTask(this::purge, properties.purgeInterval(), properties.purgeInterval()));
    }

    void purge() {
        try {
            int purged = store.purgeExpired();
            if (purged > 0) {
                log.info("Purged {} expired idempotency keys", purged);
            }
        } catch (IdempotencyUnavailableException e) {
            log.warn("Could not purge expired idempotency keys; next try in {}", properties.purgeInterval(), e);
        }
    }
}
