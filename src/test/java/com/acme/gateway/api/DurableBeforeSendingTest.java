package com.acme.gateway.api;

import static com.acme.gateway.Fixtures.POOL;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.acme.gateway.GatewayWithMockMvc;
import com.acme.gateway.TestUpstream;
import com.acme.gateway.database.DatabaseOutage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * On the embedded H2 file database what a request committed is read back and appended to the
 * journal after the commit and before the upstream call or a stop is sent; when that fails, nothing
 * is sent. {@code AuditDurabilityTest} shows that the journal survives the JVM being killed.
 */
@GatewayWithMockMvc
@Import(DatabaseOutage.class)
@TestPropertySource(properties = "spring.datasource.url=jdbc:h2:file:./target/durable-before-sending-${random.uuid}/gateway;"
        + "MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH")
class DurableBeforeSendingTest {

    /** The journal's read of the committed pending row: the first step of making it durable. */
    private static final Predicate<String> JOURNAL_READ = sql -> sql.startsWith("SELECT * FROM audit_events WHERE id");

    private static final String BODY = "{\"script_ids\":[\"0006e69f-5970-4af5-a652-e111055e630b\"],"
            + "\"desktop_ids\":[\"00298bb0-104a-4467-9b15-876c6fb7a99f\"]}";

    @Autowired
    MockMvcTester mvc;

    @Autowired
    DatabaseOutage outage;

    @Autowired
    JdbcClient jdbc;

    private static final String TASK = "9f0c7f43-1f7a-4c55-9d9b-6f5b0c0e1a11";

    @BeforeEach
    void upstreamAccepts() {
        TestUpstream.resetAndAccept(TASK);
    }

    @AfterEach
    void databaseBack() {
        outage.end();
    }

    @Test
    void aPendingRowThatCannotBeJournaledSendsNothing() {
        String requestId = "durable-" + UUID.randomUUID();
        outage.startAt(JOURNAL_READ);

        MvcTestResult result = submit(requestId);

        assertThat(result).hasStatus(503).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result).bodyJson().extractingPath("$.type").isEqualTo("https://gateway.acme.com/problems/audit-unavailable");
        assertThat(TestUpstream.server().findAll(postRequestedFor(anyUrl()))).isEmpty();
        outage.end();
        // committed before the journal was tried; its completion failed with the database
        assertThat(jdbc.sql("SELECT outcome FROM audit_events WHERE request_id = :id").param("id", requestId)
                .query(String.class).list()).containsExactly("pending");
    }

    @Test
    void aStopThatCannotBeJournaledIsNotSent() {
        assertThat(submit("durable-" + UUID.randomUUID())).hasStatus(202);
        outage.startAt(JOURNAL_READ);

        MvcTestResult result = mvc.post().uri("/api/v1/executions/" + TASK + "/stop").header("X-API-Key", "test-key-alpha")
                .exchange();

        assertThat(result).hasStatus(503).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result).bodyJson().extractingPath("$.type").isEqualTo("https://gateway.acme.com/problems/audit-unavailable");
        assertThat(TestUpstream.server().findAll(postRequestedFor(urlPathMatching(".*/stop")))).isEmpty();
        outage.end();
        assertThat(jdbc.sql("SELECT outcome FROM audit_events WHERE task_id = :task AND outcome LIKE 'stop%'")
                .param("task", TASK).query(String.class).list()).containsExactly("stop_requested");
    }

    @Test
    void theJournalIsEmptiedOnceH2HasWrittenItsFile() throws Exception {
        Path journal = Path.of(jdbc.sql("SELECT DATABASE_PATH()").query(String.class).single() + ".journal");
        assertThat(journal).exists();

        for (int i = 0; i < 20; i++) {
            assertThat(submit("durable-" + UUID.randomUUID())).hasStatus(202);
        }

        // every second H2 writes its file and the journal is emptied
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> Files.size(journal) == 0);
    }

    private MvcTestResult submit(String requestId) {
        return mvc.post().uri("/api/v1/pools/" + POOL + "/script-executions")
                .header("X-API-Key", "test-key-alpha").header("X-Request-Id", requestId)
                .contentType(MediaType.APPLICATION_JSON).content(BODY).exchange();
    }
}
