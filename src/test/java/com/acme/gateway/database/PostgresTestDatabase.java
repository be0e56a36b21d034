package com.acme.gateway.database;

import com.acme.gateway.database.PostgresAvailability.Source;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Points the context's DataSource (and so Flyway) at PostgreSQL 15: a Testcontainers container per
 * context through {@link ServiceConnection}, or, when {@value PostgresAvailability#URL_VARIABLE} is
 * set, a random schema of that database. Either way each context gets an empty database of its own.
 * Use it through {@link OnPostgres}.
 */
@TestConfiguration(proxyBeanMethods = false)
public class PostgresTestDatabase {

    static final String IMAGE = "postgres:15-alpine";

    @Bean
    @ServiceConnection
    @Conditional(FromDocker.class)
    PostgreSQLContainer postgresContainer() {
        return new PostgreSQLContainer(DockerImageName.parse(IMAGE));
    }

    @Bean
    @Conditional(FromUrl.class)
    PostgresTestSchema postgresTestSchema() {
        String url = PostgresAvailability.url();
        if (url == null || url.isBlank()) {
            throw new IllegalStateException(PostgresAvailability.NONE_MESSAGE);
        }
        return PostgresTestSchema.create(url);
    }

    static final class FromDocker implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return PostgresAvailability.source() == Source.DOCKER;
        }
    }

    /** Also taken when there is no PostgreSQL at all, so the context fails instead of quietly using H2. */
    static final class FromUrl implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return PostgresAvailability.source() != Source.DOCKER;
        }
    }
}
