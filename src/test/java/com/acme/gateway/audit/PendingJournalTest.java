package com.acme.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.acme.gateway.database.InterceptedConnections;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The embedded H2's journal of what requests committed before they were sent, in one JVM: the
 * database loses rows (deleted here, as a killed JVM would have lost them) and the journal puts them
 * back at the next start. {@code AuditDurabilityTest} kills a JVM for real.
 */
@ExtendWith(OutputCaptureExtension.class)
class PendingJournalTest {

    private static final String SETTINGS = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";

    @TempDir
    Path dir;

    private String url;
    private JdbcClient jdbc;
    private Connection held;
    private PendingJournal journal;
    private AuditLog audit;

    @BeforeEach
    void database() throws Exception {
        url = "jdbc:h2:file:" + dir.resolve("gateway") + SETTINGS;
        var dataSource = AuditDurabilityTest.dataSource(url);
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        held = dataSource.getConnection();
        jdbc = JdbcClient.create(dataSource);
        journal = new PendingJournal(jdbc, AuditDurabilityTest.connectionDetails(url));
        audit = new AuditLog(jdbc, journal);
    }

    @AfterEach
    void close() throws Exception {
        journal.close();
        held.close();
    }

    @Test
    void theJournalSitsBesideTheDatabaseFileOfAnEmbeddedH2Only() {
        assertThat(PendingJournal.journalOf("jdbc:h2:file:./data/gateway;MODE=PostgreSQL"))
                .isEqualTo(Path.of("data/gateway.journal").toAbsolutePath());
        assertThat(PendingJournal.journalOf("jdbc:h2:/var/lib/gateway/db")).isEqualTo(Path.of("/var/lib/gateway/db.journal"));
        assertThat(PendingJournal.journalOf("jdbc:h2:mem:gateway;DB_CLOSE_DELAY=-1")).isNull();
        assertThat(PendingJournal.journalOf("jdbc:postgresql://db:5432/gateway")).isNull();
        assertThatThrownBy(() -> PendingJournal.journalOf("jdbc:h2:async:./data/gateway"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("spring.datasource.url: H2 is supported embedded (jdbc:h2:file:<path>) or in memory "
                        + "(jdbc:h2:mem:<name>), not with the prefix async:; use PostgreSQL for a database server");
        assertThatThrownBy(() -> PendingJournal.journalOf("jdbc:h2:tcp://db:9092/gateway"))
                .hasMessageContaining("not with the prefix tcp:");
    }

    @Test
    void rowsTheDatabaseLostArePutBackAsTheyWereCommitted(CapturedOutput output) throws Exception {
        UUID id = pendingRequest("key-1", Instant.now());
        List<Map<String, Object>> committed = rowsOf(id);
        audit.makeDurable(id);
        lose(id);

        restart();

        assertThat(rowsOf(id)).isEqualTo(committed);
        assertThat(committed).hasSize(3);
        assertThat(journalFile()).isEmptyFile();
        assertThat(output).contains("Put back rows the embedded database had lost when the gateway last stopped, from "
                + journalFile() + ": 3");
    }

    @Test
    void rowsTheDatabaseStillHoldsAreLeftAsTheyAre() throws Exception {
        UUID id = pendingRequest("key-1", Instant.now());
        audit.makeDurable(id);
        jdbc.sql("UPDATE audit_events SET outcome = 'submitted', task_id = 't-1' WHERE id = :id").param("id", id).update();
        jdbc.sql("UPDATE idempotency_keys SET state = 'COMPLETED' WHERE audit_id = :id").param("id", id).update();

        restart();

        assertThat(jdbc.sql("SELECT outcome FROM audit_events WHERE id = :id").param("id", id).query(String.class).single())
                .isEqualTo("submitted");
        assertThat(jdbc.sql("SELECT state FROM idempotency_keys").query(String.class).list()).containsExactly("COMPLETED");
    }

    @Test
    void aKeyAndASlotTakenOverFromAnEarlierRequestArePutBack() throws Exception {
        Instant now = Instant.now();
        UUID id = pendingRequest("key-1", now);
        audit.makeDurable(id);
        lose(id);
        // what the file held before this request: the key's expired claim and the slot of an earlier rollout
        UUID earlier = AuditIds.at(now.minus(Duration.ofDays(2)));
        JournalRows.claim(jdbc, earlier, "journal", "key-1", "pool-1", now.minus(Duration.ofDays(2)));

        restart();

        assertThat(jdbc.sql("SELECT audit_id FROM idempotency_keys").query(UUID.class).list()).containsExactly(id);
        assertThat(jdbc.sql("SELECT audit_id FROM pool_rollouts").query(UUID.class).list()).containsExactly(id);
    }

    @Test
    void aKeyAndASlotClaimedByALaterRequestAreKept() throws Exception {
        Instant now = Instant.now();
        UUID id = pendingRequest("key-1", now);
        audit.makeDurable(id);
        jdbc.sql("DELETE FROM idempotency_keys").update();
        jdbc.sql("DELETE FROM pool_rollouts").update();
        UUID later = AuditIds.at(now.plusSeconds(1));
        JournalRows.claim(jdbc, later, "journal", "key-1", "pool-1", now.plusSeconds(1));

        restart();

        assertThat(jdbc.sql("SELECT audit_id FROM idempotency_keys").query(UUID.class).list()).containsExactly(later);
        assertThat(jdbc.sql("SELECT audit_id FROM pool_rollouts").query(UUID.class).list()).containsExactly(later);
    }

    /** README: such a claim is then cleared like one left by a stopped replica. */
    @Test
    void aKeyAndASlotReleasedWithinTheLastSecondComeBackAsClaimed() throws Exception {
        UUID id = pendingRequest("key-1", Instant.now());
        audit.makeDurable(id);
        jdbc.sql("DELETE FROM idempotency_keys").update();
        jdbc.sql("DELETE FROM pool_rollouts").update();

        restart();

        assertThat(jdbc.sql("SELECT state FROM idempotency_keys WHERE audit_id = :id").param("id", id)
                .query(String.class).list()).containsExactly("IN_FLIGHT");
        assertThat(jdbc.sql("SELECT audit_id FROM pool_rollouts").query(UUID.class).list()).containsExactly(id);
    }

    @Test
    void aLineCutOffWhenTheGatewayStoppedIsSkipped(CapturedOutput output) throws Exception {
        UUID id = pendingRequest("key-1", Instant.now());
        audit.makeDurable(id);
        lose(id);
        Files.writeString(journalFile(), "[{\"table\":\"audit_events\",\"row\":{\"id\":", StandardOpenOption.APPEND);

        restart();

        assertThat(rowsOf(id)).hasSize(3);
        assertThat(journalFile()).isEmptyFile();
        assertThat(output).contains("The last line of the audit journal " + journalFile() + " was cut off");
    }

    @Test
    void aLineNamingAnotherTableStopsTheStart() throws Exception {
        assertThat(startFailureWith("[{\"table\":\"shedlock\",\"row\":{\"name\":\"x\"}}]\n"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the audit journal names an unknown table shedlock");
    }

    @Test
    void aDamagedLineStopsTheStartAndSaysWhere() throws Exception {
        assertThat(startFailureWith("not json\n"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("line 1 of the audit journal " + journalFile())
                .hasMessageContaining("move the file away");
    }

    @Test
    void aDatabaseUserWhoMayNotWriteTheFileStopsTheStartEvenWithoutAJournal() throws Exception {
        Files.delete(journalFile());
        jdbc.sql("CREATE USER app PASSWORD 'app'").update();
        var asApp = new JdbcDataSource();
        asApp.setURL(url);
        asApp.setUser("app");
        asApp.setPassword("app");

        assertThatThrownBy(() -> new PendingJournal(JdbcClient.create(asApp), AuditDurabilityTest.connectionDetails(url)))
                .isInstanceOf(DataAccessException.class)
                .hasMessageContaining("Admin rights are required");
    }

    @Test
    void theJournalIsEmptiedOnceTheDatabaseFileHoldsWhatItHeld() throws Exception {
        UUID id = pendingRequest("key-1", Instant.now());
        audit.makeDurable(id);
        assertThat(Files.size(journalFile())).isPositive();

        journal.checkpoint();

        assertThat(journalFile()).isEmptyFile();
        // the next line goes to the other file; after the next write of the database's file, the one
        // after it starts the first file again: no gap of zeros where the emptied lines were
        UUID second = durableRequest("key-2");
        assertThat(Files.readString(secondFile())).contains(second.toString());
        journal.checkpoint();
        assertThat(secondFile()).isEmptyFile();
        UUID third = durableRequest("key-3");
        assertThat(Files.readString(journalFile())).startsWith("[{\"table\":\"audit_events\"").contains(third.toString());
        lose(third);
        restart();
        assertThat(rowsOf(third)).hasSize(3);
    }

    @Test
    void requestsAppendWhileTheDatabaseWritesItsFileAndTheirLinesStay() throws Exception {
        var slow = new AtomicBoolean();
        var writing = new CountDownLatch(1);
        var written = new CountDownLatch(1);
        journal.close();
        journal = new PendingJournal(JdbcClient.create(checkpointWaitingFor(slow, writing, written)),
                AuditDurabilityTest.connectionDetails(url));
        audit = new AuditLog(jdbc, journal);
        UUID before = durableRequest("key-1");
        slow.set(true);
        var checkpoint = CompletableFuture.runAsync(journal::checkpoint);
        assertThat(writing.await(10, TimeUnit.SECONDS)).as("CHECKPOINT started").isTrue();

        // H2 is still writing its file: a request's line goes to the other file without waiting for it
        UUID during = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> durableRequest("key-2"));
        written.countDown();
        checkpoint.get(10, TimeUnit.SECONDS);

        assertThat(journalFile()).isEmptyFile();
        assertThat(Files.readString(secondFile())).contains(during.toString()).doesNotContain(before.toString());
        lose(during);
        restart();
        assertThat(rowsOf(during)).hasSize(3);
    }

    @Test
    void theLinesOfTheFileSetAsideArePutBackToo() throws Exception {
        UUID id = durableRequest("key-1");
        // the gateway stopped after appends moved to the other file, before H2 wrote its file
        journal.close();
        Files.move(journalFile(), secondFile(), StandardCopyOption.REPLACE_EXISTING);
        lose(id);

        restart();

        assertThat(rowsOf(id)).hasSize(3);
        assertThat(journalFile()).isEmptyFile();
        assertThat(secondFile()).isEmptyFile();
    }

    @Test
    void aRequestWithoutKeyOrSlotJournalsItsAuditRow() throws Exception {
        AuditEntry pending = AuditEntries.pendingWithGatewayId("journal", Instant.now());
        audit.insert(pending);
        audit.makeDurable(pending.id());
        lose(pending.id());

        restart();

        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_events WHERE id = :id").param("id", pending.id())
                .query(Integer.class).single()).isOne();
    }

    /** A request made durable, with the pool's slot (the slots of earlier ones are freed). */
    private UUID durableRequest(String key) {
        jdbc.sql("DELETE FROM pool_rollouts").update();
        UUID id = pendingRequest(key, Instant.now());
        audit.makeDurable(id);
        return id;
    }

    /** The database, where once {@code slow}, {@code CHECKPOINT} signals {@code writing} and waits for {@code written}. */
    private DataSource checkpointWaitingFor(AtomicBoolean slow, CountDownLatch writing, CountDownLatch written) {
        return InterceptedConnections.of(AuditDurabilityTest.dataSource(url), (connection, method, args) -> {
            if (slow.get() && method.getName().equals("prepareStatement") && "CHECKPOINT".equals(args[0])) {
                writing.countDown();
                assertThat(written.await(10, TimeUnit.SECONDS)).isTrue();
            }
        });
    }

    private UUID pendingRequest(String key, Instant at) {
        AuditEntry pending = AuditEntries.pendingWithGatewayId("journal", at);
        audit.insert(pending);
        JournalRows.claim(jdbc, pending.id(), "journal", key, "pool-1", at);
        return pending.id();
    }

    private List<Map<String, Object>> rowsOf(UUID id) {
        var rows = new java.util.ArrayList<Map<String, Object>>();
        for (String table : List.of("audit_events WHERE id = :id", "idempotency_keys WHERE audit_id = :id",
                "pool_rollouts WHERE audit_id = :id")) {
            rows.addAll(jdbc.sql("SELECT * FROM " + table).param("id", id).query().listOfRows());
        }
        return rows;
    }

    /** What a JVM killed before H2 wrote its file would have lost. */
    private void lose(UUID id) {
        jdbc.sql("DELETE FROM audit_events WHERE id = :id").param("id", id).update();
        jdbc.sql("DELETE FROM idempotency_keys WHERE audit_id = :id").param("id", id).update();
        jdbc.sql("DELETE FROM pool_rollouts WHERE audit_id = :id").param("id", id).update();
    }

    /** What a start with this journal throws; the journal left for {@link #close()} is an in-memory one. */
    private Throwable startFailureWith(String content) throws Exception {
        journal.close();
        Files.writeString(journalFile(), content);
        Throwable thrown = catchThrowable(() -> new PendingJournal(jdbc, AuditDurabilityTest.connectionDetails(url)));
        journal = new PendingJournal(JdbcClient.create(AuditDurabilityTest.dataSource("jdbc:h2:mem:unused")),
                AuditDurabilityTest.connectionDetails("jdbc:h2:mem:unused"));
        return thrown;
    }

    private void restart() throws Exception {
        journal.close();
        journal = new PendingJournal(jdbc, AuditDurabilityTest.connectionDetails(url));
        audit = new AuditLog(jdbc, journal);
    }

    private Path journalFile() {
        return dir.resolve("gateway.journal");
    }

    private Path secondFile() {
        return dir.resolve("gateway.journal.2");
    }
}
