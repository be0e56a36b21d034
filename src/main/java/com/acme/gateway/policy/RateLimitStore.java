package com.acme.gateway.policy;

import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import java.time.Clock;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.jdbc.DatabaseDriver;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Chooses where the rate-limit buckets live: in PostgreSQL when that is the gateway's database
 * (shared by all replicas), otherwise in memory (the embedded H2, one replica). On PostgreSQL every
 * request of a team holds its bucket's row lock until Bucket4j commits; a trigger (V13) lets that
 * commit skip the WAL flush, so the lock is released sooner.
 */
@Configuration(proxyBeanMethods = false)
class RateLimitStore {

    private static final Logger log = LoggerFactory.getLogger(RateLimitStore.class);

    @Bean
    TeamBuckets teamBuckets(ObjectProvider<JdbcConnectionDetails> database, ObjectProvider<DataSource> dataSource,
            Clock clock) {
        ClockTimeMeter time = new ClockTimeMeter(clock);
        JdbcConnectionDetails details = database.getIfAvailable();
        if (details == null || DatabaseDriver.fromJdbcUrl(details.getJdbcUrl()) != DatabaseDriver.POSTGRESQL) {
            log.info("Team rate limits are kept in memory: they hold for this replica only");
            return new LocalTeamBuckets(time);
        }
        log.info("Team rate limits are kept in PostgreSQL (rate_limit_buckets), shared by all replicas");
        return shared(dataSource.getObject(), time);
    }

    static TeamBuckets shared(DataSource dataSource, ClockTimeMeter time) {
        return new SharedTeamBuckets(Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table("rate_limit_buckets").idColumn("id").stateColumn("state")
                .clientClock(time)
                .build(), time);
    }
}
