package com.acme.gateway.audit;

import javax.sql.DataSource;
import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * ShedLock over the shared database (table {@code shedlock}): a background job wrapped in this
 * executor runs on one replica at a time, judged by the database's clock. Used by the audit purge
 * and the idempotency-key purge.
 */
@Configuration(proxyBeanMethods = false)
class ReplicaJobLocks {

    @Bean
    LockingTaskExecutor replicaJobLock(DataSource dataSource) {
        return new DefaultLockingTaskExecutor(new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
                .withJdbcTemplate(new JdbcTemplate(dataSource))
                .usingDbTime()
                .build()));
    }
}
