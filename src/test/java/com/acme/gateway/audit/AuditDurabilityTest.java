package com.acme.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What a request committed before it is sent, once {@link AuditLog#makeDurable(UUID)} returned,
 * survives the JVM being killed at once (SIGKILL, out of memory) on the embedded H2, which otherwise
 * stores committed changes only every 500 ms: its pending row, the claim of its Idempotency-Key and
 * its pool slot are there when the gateway starts again. A child JVM writes them and halts; this test
 * then starts the journal on the file, as the gateway does, and reads the tables.
 */
class AuditDurabilityTest {

    /** The background writer must not store the rows by chance before the halt. */
    private static final String SETTINGS = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=60000";

    @Test
    void whatARequestCommittedSurvivesTheJvmBeingKilled(@TempDir Path dir) throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("gateway") + SETTINGS;

        String id = writeAndHalt(url, true);

        JdbcClient jdbc = restarted(url);
        assertThat(jdbc.sql("SELECT outcome FROM audit_events WHERE id = :id").param("id", UUID.fromString(id))
                .query(String.class).list()).containsExactly("pending");
        assertThat(jdbc.sql("SELECT audit_id FROM idempotency_keys WHERE team = 'durability' AND idempotency_key = 'key-1'")
                .query(UUID.class).list()).containsExactly(UUID.fromString(id));
        assertThat(jdbc.sql("SELECT audit_id FROM pool_rollouts WHERE pool_id = 'pool-1'").query(UUID.class).list())
                .containsExactly(UUID.fromString(id));
    }

    @Test
    void withoutItTheCommittedRowsAreLost(@TempDir Path dir) throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("gateway") + SETTINGS;

        String id = writeAndHalt(url, false);

        JdbcClient jdbc = restarted(url);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_events WHERE id = :id").param("id", UUID.fromString(id))
                .query(Integer.class).single()).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM idempotency_keys").query(Integer.class).single()).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM pool_rollouts").query(Integer.class).single()).isZero();
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

    /** The gateway's start on the file: the journal puts back what the database lost. */
    private static JdbcClient restarted(String url) {
        JdbcClient jdbc = JdbcClient.create(dataSource(url));
        new PendingJournal(jdbc, connectionDetails(url));
        return jdbc;
    }

    static DataSource dataSource(String url) {
        var dataSource = new JdbcDataSource();
        dataSource.setURL(url);
        return dataSource;
    }

    static ObjectProvider<JdbcConnectionDetails> connectionDetails(String url) {
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
                return url;
            }
        });
        return factory.getBeanProvider(JdbcConnectionDetails.class);
    }

    /**
     * The child: migrates (the database closes with Flyway's connection, which stores the schema),
     * commits a pending row, its key's claim and its pool slot, maybe makes them durable, and halts.
     */
    static final class Writer {

        static final int HALTED = 42;

        public static void main(String[] args) throws Exception {
            DataSource dataSource = dataSource(args[0]);
            Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
            // open as the pool keeps it: H2 closes, and so stores, a database when its last connection closes
            var pooled = dataSource.getConnection();
            JdbcClient jdbc = JdbcClient.create(dataSource);
            var audit = new AuditLog(jdbc, new PendingJournal(jdbc, connectionDetails(args[0])));
            AuditEntry pending = AuditEntries.pendingWithGatewayId("durability", Instant.now());
            audit.insert(pending);
            JournalRows.claim(jdbc, pending.id(), "durability", "key-1", "pool-1");
            if (Boolean.parseBoolean(args[1])) {
                audit.makeDurable(pending.id());
            }
            System.out.println(pending.id());
            System.out.flush();
            Runtime.getRuntime().halt(pooled.isClosed() ? 1 : HALTED);
        }
    }
}
