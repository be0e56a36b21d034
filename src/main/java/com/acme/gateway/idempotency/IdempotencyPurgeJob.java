package com.acme.gateway.idempotency;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * Purges expired idempotency keys every {@code gateway.idempotency.purge-interval}, and every 5 s
 * retries the releases that failed while the store was unreachable. Every replica runs both;
 * concurrent deletes of the same rows are harmless.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class IdempotencyPurgeJob implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyPurgeJob.class);

    private static final Duration RELEASE_RETRY = Duration.ofSeconds(5);

    private final IdempotencyStore store;
    private final IdempotencyProperties properties;

    IdempotencyPurgeJob(IdempotencyStore store, IdempotencyProperties properties) {
        this.store = store;
        this.properties = properties;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(new FixedDelayTask(this::purge, properties.purgeInterval(), properties.purgeInterval()));
        registrar.addFixedDelayTask(new FixedDelayTask(this::retryReleases, RELEASE_RETRY, RELEASE_RETRY));
    }

    void retryReleases() {
        try {
            int released = store.retryReleases();
            if (released > 0) {
                log.info("Released {} idempotency keys whose requests never ran, after the store came back", released);
            }
        } catch (IdempotencyUnavailableException e) {
            log.debug("Idempotency store still unavailable; releases retried in {}", RELEASE_RETRY, e);
        }
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
