package com.acme.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A pending row that {@link AuditLog#makeDurable()} returned from survives the JVM being killed at
 * once (SIGKILL, out of memory), on the embedded H2, which otherwise stores committed changes only
 * every 500 ms. A child JVM writes the row and halts; this test then opens the file.
 */
class AuditDurabilityTest {

    /** The background writer must not store the row by chance before the halt. */
    private static final String SETTINGS = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=60000";

    @Test
    void aRowMadeDurableSurvivesTheJvmBeingKilled(@TempDir Path dir) throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("gateway") + SETTINGS;

        String id = writeAndHalt(url, true);

        assertThat(rows(url, id)).isEqualTo(1);
    }

    @Test
    void withoutItTheCommittedRowIsLost(@TempDir Path dir) throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("gateway") + SETTINGS;

        String id = writeAndHalt(url, false);

        assertThat(rows(url, id)).isZero();
    }

    private static String writeAndHalt(String url, boolean durable) throws Exception {
        var child = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(), "-cp",
                System.getProperty("java.class.path"), Writer.class.getName(), url, Boolean.toString(durable))
                .redirectErrorStream(true).start();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(child.getInputStream().readAllBytes()).strip();
        assertThat(child.exitValue()).as(output).isEqualTo(Writer.HALTED);
        return output.substring(output.lastIndexOf('\n') + 1);
    }

    private static int rows(String url, String id) throws SQLException {
        try (var connection = DriverManager.getConnection(url);
                var statement = connection.prepareStatement("SELECT COUNT(*) FROM audit_events WHERE id = ?")) {
            statement.setObject(1, java.util.UUID.fromString(id));
            try (var result = statement.executeQuery()) {
                result.next();
                return result.getInt(1);
            }
        }
    }

    /**
     * The child: migrates (the database closes with Flyway's connection, which stores the schema),
     * commits one pending row, maybe makes it durable, and halts.
     */
    static final class Writer {

        static final int HALTED = 42;

        public static void main(String[] args) throws SQLException {
            var dataSource = new JdbcDataSource();
            dataSource.setURL(args[0]);
            Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
            // open as the pool keeps it: H2 closes, and so stores, a database when its last connection closes
            var pooled = dataSource.getConnection();
            JdbcClient jdbc = JdbcClient.create(dataSource);
            var factory = new DefaultListableBeanFactory();
            factory.registerSingleton("database", new JdbcConnectionDetails() {
                @Override
                public String getUsername() {
                    return "";
                }

                @Override
                public String getPassword() {
                    return "";
                }

                @Override
                public String getJdbcUrl() {
                    return args[0];
                }
            });
            var audit = new AuditLog(jdbc, factory.getBeanProvider(JdbcConnectionDetails.class));
            AuditEntry pending = AuditEntries.pendingWithGatewayId("durability", Instant.now());
            audit.insert(pending);
            if (Boolean.parseBoolean(args[1])) {
                audit.makeDurable();
            }
            System.out.println(pending.id());
            System.out.flush();
            Runtime.getRuntime().halt(pooled.isClosed() ? 1 : HALTED);
        }
    }
}
