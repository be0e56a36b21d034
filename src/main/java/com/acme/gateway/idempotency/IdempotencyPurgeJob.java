package com.acme.gateway.idempotency;

import java.time.Duration;
import net.javacrumbs.shedlock.core.ClockProvider;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.transaction.TransactionException;

/**
 * Purges expired idempotency keys every {@code gateway.idempotency.purge-interval}: every replica
 * schedules it, and the ShedLock lock {@value #LOCK}, held for the interval, lets one replica run it
 * per interval (concurrent deletes would be harmless, only wasted work). Every 5 s each replica also
 * retries its own releases that failed while the store was unreachable.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class IdempotencyPurgeJob implements SchedulingConfigurer {

    static final String LOCK = "idempotency-key-purge";

    private static final Logger log = LoggerFactory.getLogger(IdempotencyPurgeJob.class);

    private static final Duration RELEASE_RETRY = Duration.ofSeconds(5);

    private final IdempotencyStore store;
    private final IdempotencyProperties properties;
    private final LockingTaskExecutor lock;

    IdempotencyPurgeJob(IdempotencyStore store, IdempotencyProperties properties, LockingTaskExecutor lock) {
        this.store = store;
        this.properties = properties;
        this.lock = lock;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(new FixedDelayTask(this::purgeOnOneReplica, properties.purgeInterval(),
                properties.purgeInterval()));
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

    void purgeOnOneReplica() {
        try {
            lock.executeWithLock((Runnable) this::purge, new LockConfiguration(ClockProvider.now(), LOCK,
                    properties.purgeInterval(), properties.purgeInterval()));
        } catch (DataAccessException | TransactionException e) {
            log.warn("Could not take the purge lock for expired idempotency keys; next try in {}",
                    properties.purgeInterval(), e);
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
