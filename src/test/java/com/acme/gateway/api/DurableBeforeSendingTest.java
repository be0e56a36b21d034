package com.acme.gateway.api;

import static com.acme.gateway.Fixtures.POOL;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.acme.gateway.GatewayWithMockMvc;
import com.acme.gateway.TestUpstream;
import com.acme.gateway.database.DatabaseOutage;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * On the embedded H2 the pending row is written to the database's file (H2's {@code CHECKPOINT})
 * after it is committed and before the upstream call or a stop is sent; when that write fails,
 * nothing is sent.
 * {@code AuditDurabilityTest} shows that the write survives the JVM being killed.
 */
@GatewayWithMockMvc
@Import(DatabaseOutage.class)
class DurableBeforeSendingTest {

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
    void aPendingRowThatCannotBeWrittenToTheFileSendsNothing() {
        String requestId = "durable-" + UUID.randomUUID();
        outage.startAt(sql -> sql.equals("CHECKPOINT"));

        MvcTestResult result = submit(requestId);

        assertThat(result).hasStatus(503).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result).bodyJson().extractingPath("$.type").isEqualTo("https://gateway.acme.com/problems/audit-unavailable");
        assertThat(TestUpstream.server().findAll(postRequestedFor(anyUrl()))).isEmpty();
        outage.end();
        // committed before the write to the file was tried; its completion failed with the database
        assertThat(jdbc.sql("SELECT outcome FROM audit_events WHERE request_id = :id").param("id", requestId)
                .query(String.class).list()).containsExactly("pending");
    }

    @Test
    void aStopThatCannotBeWrittenToTheFileIsNotSent() {
        assertThat(submit("durable-" + UUID.randomUUID())).hasStatus(202);
        outage.startAt(sql -> sql.equals("CHECKPOINT"));

        MvcTestResult result = mvc.post().uri("/api/v1/executions/" + TASK + "/stop").header("X-API-Key", "test-key-alpha")
                .exchange();

        assertThat(result).hasStatus(503).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result).bodyJson().extractingPath("$.type").isEqualTo("https://gateway.acme.com/problems/audit-unavailable");
        assertThat(TestUpstream.server().findAll(postRequestedFor(urlPathMatching(".*/stop")))).isEmpty();
        outage.end();
        assertThat(jdbc.sql("SELECT outcome FROM audit_events WHERE task_id = :task AND outcome LIKE 'stop%'")
                .param("task", TASK).query(String.class).list()).containsExactly("stop_requested");
    }

    private MvcTestResult submit(String requestId) {
        return mvc.post().uri("/api/v1/pools/" + POOL + "/script-executions")
                .header("X-API-Key", "test-key-alpha").header("X-Request-Id", requestId)
                .contentType(MediaType.APPLICATION_JSON).content(BODY).exchange();
    }
}
