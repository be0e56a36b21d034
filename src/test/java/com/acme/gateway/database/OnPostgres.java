package com.acme.gateway.database;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * Runs a Spring test against PostgreSQL 15 instead of H2: add it to any {@code @SpringBootTest}
 * (the whole application or a slice). The DataSource comes from {@link PostgresTestDatabase};
 * without a PostgreSQL the test is skipped, or fails when {@code CI=true}
 * ({@link PostgresAvailability}). A slice must include {@code ServiceConnectionAutoConfiguration}
 * for the Testcontainers case, as {@link JdbcSlice} does. Cached contexts keep their pools, so each
 * holds one idle connection instead of ten: the whole suite stays under PostgreSQL's 100 clients.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(PostgresAvailability.class)
@Import(PostgresTestDatabase.class)
@TestPropertySource(properties = {"spring.datasource.hikari.minimum-idle=1", "spring.datasource.hikari.idle-timeout=10000"})
public @interface OnPostgres {
}
