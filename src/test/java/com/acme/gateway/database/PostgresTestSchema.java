package com.acme.gateway.database;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Properties;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;

/**
 * A fresh schema with a random name in the PostgreSQL of {@link PostgresAvailability#URL_VARIABLE},
 * used as the connection's {@code currentSchema} so Flyway migrates into it; dropped when the
 * context closes. The user may be in the URL; a password belongs in
 * {@value #PASSWORD_VARIABLE}, because Flyway logs the URL.
 */
final class PostgresTestSchema implements JdbcConnectionDetails, AutoCloseable {

    static final String PREFIX = "gateway_test_";
    static final String USER_VARIABLE = "GATEWAY_TEST_POSTGRES_USER";
    static final String PASSWORD_VARIABLE = "GATEWAY_TEST_POSTGRES_PASSWORD";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String baseUrl;
    private final String schema;

    private PostgresTestSchema(String baseUrl, String schema) {
        this.baseUrl = baseUrl;
        this.schema = schema;
    }

    static PostgresTestSchema create(String baseUrl) {
        byte[] suffix = new byte[6];
        RANDOM.nextBytes(suffix);
        PostgresTestSchema created = new PostgresTestSchema(baseUrl, PREFIX + HexFormat.of().formatHex(suffix));
        created.execute("CREATE SCHEMA " + created.schema);
        return created;
    }

    String schema() {
        return schema;
    }

    @Override
    public String getJdbcUrl() {
        return baseUrl + (baseUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    @Override
    public @Nullable String getUsername() {
        return System.getenv(USER_VARIABLE);
    }

    @Override
    public @Nullable String getPassword() {
        return System.getenv(PASSWORD_VARIABLE);
    }

    /** Runs after the pool that depends on this bean is closed. */
    @Override
    public void close() {
        execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }

    private void execute(String sql) {
        Properties credentials = new Properties();
        Optional.ofNullable(getUsername()).ifPresent(user -> credentials.setProperty("user", user));
        Optional.ofNullable(getPassword()).ifPresent(password -> credentials.setProperty("password", password));
        try (Connection connection = DriverManager.getConnection(baseUrl, credentials);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not run '" + sql + "' on the PostgreSQL of " + PostgresAvailability.URL_VARIABLE, e);
        }
    }
}
