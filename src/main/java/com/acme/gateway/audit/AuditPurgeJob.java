package com.acme.gateway.audit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
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
 * Deletes audit rows older than {@code gateway.audit.retention}, in batches, every
 * {@code purge-interval}. Every replica schedules it; the ShedLock lock {@value #LOCK}, held for
 * the whole interval, lets one replica run it per interval.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class AuditPurgeJob implements SchedulingConfigurer {

    static final String LOCK = "audit-purge";

    private static final Logger log = LoggerFactory.getLogger(AuditPurgeJob.class);

    private final AuditLog audit;
    private final AuditRetention settings;
    private final LockingTaskExecutor lock;
    private final Clock clock;
    private final Counter runs;
    private final Counter purged;

    AuditPurgeJob(AuditLog audit, AuditRetention settings, LockingTaskExecutor lock, Clock clock, MeterRegistry registry) {
        this.audit = audit;
        this.settings = settings;
        this.lock = lock;
        this.clock = clock;
        this.runs = Counter.builder("gateway.audit.purges")
                .description("Audit purge runs on this replica (the others skipped that interval)").register(registry);
        this.purged = Counter.builder("gateway.audit.purged")
                .description("Audit rows deleted for being older than the retention").register(registry);
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(new FixedDelayTask(this::purgeOnOneReplica, settings.purgeInterval(),
                settings.purgeInterval()));
    }

    void purgeOnOneReplica() {
        try {
            lock.executeWithLock((Runnable) this::purge, new LockConfiguration(ClockProvider.now(), LOCK,
                    settings.purgeInterval(), settings.purgeInterval()));
        } catch (AuditUnavailableException | DataAccessException | TransactionException e) {
            // the lock table is in the same database as the audit trail
            log.warn("Could not purge old audit rows; next try in {}", settings.purgeInterval(), e);
        }
    }

    private void purge() {
        runs.increment();
        int deleted = audit.purgeOlderThan(clock.instant().minus(settings.retention()), settings.purgeBatchSize());
        purged.increment(deleted);
        if (deleted > 0) {
            log.info("Purged {} audit rows older than {}", deleted, settings.retention());
        }
    }
}
