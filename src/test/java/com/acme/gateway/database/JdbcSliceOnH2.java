package com.acme.gateway.database;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * A small context with only {@link JdbcSlice} (DataSource, Flyway, {@code JdbcClient}) on a fresh
 * in-memory H2 in PostgreSQL mode, the same modes as the embedded default. Add the classes under
 * test with {@code @Import}; add {@link OnPostgres} to run the same test on PostgreSQL.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(classes = JdbcSlice.class, webEnvironment = WebEnvironment.NONE, properties = JdbcSliceOnH2.H2_IN_MEMORY)
public @interface JdbcSliceOnH2 {

    String H2_IN_MEMORY = "spring.datasource.url=jdbc:h2:mem:${random.uuid};"
            + "MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
}
