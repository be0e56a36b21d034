package com.acme.gateway.execution;

import static com.acme.gateway.Fixtures.POOL;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.acme.gateway.GatewayWithMockMvc;
import com.acme.gateway.TestUpstream;
import com.acme.gateway.database.DatabaseOutage;
import java.util.Map;
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

/** Every request that reaches the endpoint leaves an audit row, and nothing runs without one. */
@GatewayWithMockMvc
@Import(DatabaseOutage.class)
abstract class AuditTrailContract {

    static final String TASK = "9f0c7f43-1f7a-4c55-9d9b-6f5b0c0e1a11";
    static final String BODY = "{\"script_ids\":[\"0006e69f-5970-4af5-a652-e111055e630b\"],"
            + "\"desktop_ids\":[\"00298bb0-104a-4467-9b15-876c6fb7a99f\",\"11298bb0-104a-4467-9b15-876c6fb7a99f\"],"
            + "\"gray_count\":1,\"gray_fail_threshold\":1,\"post_finish\":\"reboot\"}";

    @Autowired
    MockMvcTester mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DatabaseOutage outage;

    @BeforeEach
    void reset() {
        TestUpstream.server().resetAll();
    }

    @AfterEach
    void databaseBack() {
        outage.end();
    }

    @Test
    void recordsASubmittedExecutionWithEveryField() {
        upstream(aResponse().withStatus(200).withHeader("X-Request-Id", "upstream-req-1")
                .withBody("{\"task_id\":\"" + TASK + "\"}"));
        String requestId = UUID.randomUUID().toString();

        assertThat(submit("test-key-alpha", requestId, BODY)).hasStatus(202);

        Map<String, Object> row = row(requestId);
        assertThat(row).containsEntry("outcome", "submitted").containsEntry("team", "alpha")
                .containsEntry("principal", "apikey:alpha-ci").containsEntry("pool_id", POOL)
                .containsEntry("task_id", TASK).containsEntry("post_finish", "reboot").containsEntry("desktop_count", 2)
                .containsEntry("gray_count", 1).containsEntry("gray_fail_threshold", 1).containsEntry("decision", "ALLOWED")
                .containsEntry("upstream_status", 200).containsEntry("upstream_request_id", "upstream-req-1")
                .containsEntry("attempts", 1).containsEntry("dry_run", false);
        assertThat(row.get("script_ids").toString()).contains("0006e69f-5970-4af5-a652-e111055e630b");
        assertThat(row.get("completed_at")).isNotNull();
        assertThat(row.get("client_address")).isNotNull();
        assertThat(UUID.fromString(row.get("id").toString()).version()).as("time-ordered row id").isEqualTo(7);
    }

    @Test
    void recordsACommandByItsHashOnly() {
        upstream(aResponse().withStatus(200).withBody("{\"task_id\":\"" + TASK + "\"}"));
        String requestId = UUID.randomUUID().toString();

        submit("test-key-alpha", requestId, "{\"command_content\":\"echo top-secret\",\"command_type\":\"SHELL\","
                + "\"desktop_ids\":[\"00298bb0-104a-4467-9b15-876c6fb7a99f\"]}");

        Map<String, Object> row = row(requestId);
        assertThat(row).containsEntry("command_type", "SHELL").containsEntry("command_content", null)
                .containsEntry("command_sha256", "5c8756ce27aeba4f76f0a2211143b1317c330a89f319e9cace95d9cc8d427c4c");
    }

    @Test
    void recordsADeniedRequestWithItsReasons() {
        String requestId = UUID.randomUUID().toString();

        assertThat(submit("test-key-beta", requestId, BODY)).hasStatus(403);

        Map<String, Object> row = row(requestId);
        assertThat(row).containsEntry("outcome", "denied").containsEntry("decision", "DENIED").containsEntry("team", "beta");
        assertThat(UUID.fromString(row.get("id").toString()).version()).as("time-ordered row id").isEqualTo(7);
        assertThat(row.get("reasons").toString()).contains("post-finish");
    }

    @Test
    void recordsUpstreamRejectionsAndUnknownOutcomes() {
        upstream(aResponse().withStatus(400).withBody("{\"error_code\":\"WKS.0003\",\"error_msg\":\"bad script\"}"));
        String rejected = UUID.randomUUID().toString();
        submit("test-key-alpha", rejected, BODY);
        assertThat(row(rejected)).containsEntry("outcome", "upstream_rejected").containsEntry("upstream_status", 400)
                .containsEntry("upstream_error_code", "WKS.0003");

        upstream(aResponse().withStatus(200).withFixedDelay(1500).withBody("{\"task_id\":\"" + TASK + "\"}"));
        String unknown = UUID.randomUUID().toString();
        assertThat(submit("test-key-alpha", unknown, BODY)).hasStatus(504);
        assertThat(row(unknown)).containsEntry("outcome", "unknown").containsEntry("task_id", null);
    }

    @Test
    void recordsRateLimitedRequests() {
        upstream(aResponse().withStatus(200).withBody("{\"task_id\":\"" + TASK + "\"}"));
        String body = "{\"script_ids\":[\"0006e69f-5970-4af5-a652-e111055e630b\"],"
                + "\"desktop_ids\":[\"00298bb0-104a-4467-9b15-876c6fb7a99f\"]}";
        submit("test-key-gamma", UUID.randomUUID().toString(), body);
        submit("test-key-gamma", UUID.randomUUID().toString(), body);
        String limited = UUID.randomUUID().toString();

        assertThat(submit("test-key-gamma", limited, body)).hasStatus(429);

        assertThat(row(limited)).containsEntry("outcome", "rate_limited").containsEntry("team", "gamma")
                .containsEntry("task_id", null).containsEntry("refused_count", 1);
    }

    @Test
    void recordsUpstreamFailuresThatProveNothingRan() {
        upstream(aResponse().withStatus(404).withBody("{\"error_code\":\"APIGW.0101\",\"error_msg\":\"no such API\"}"));
        String requestId = UUID.randomUUID().toString();

        assertThat(submit("test-key-alpha", requestId, BODY)).hasStatus(502);

        assertThat(row(requestId)).containsEntry("outcome", "upstream_failed").containsEntry("upstream_status", 404)
                .containsEntry("upstream_error_code", "APIGW.0101").containsEntry("attempts", 1);
    }

    @Test
    void sendsNothingUpstreamWhileTheAuditStoreIsDownAndRecoversWithoutRestart() {
        upstream(aResponse().withStatus(200).withBody("{\"task_id\":\"" + TASK + "\"}"));
        outage.start();

        MvcTestResult refused = submit("test-key-alpha", UUID.randomUUID().toString(), BODY);

        assertThat(refused).hasStatus(503).containsHeader("Retry-After").hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(refused).bodyJson().extractingPath("$.type").isEqualTo("https://gateway.acme.com/problems/audit-unavailable");
        assertThat(TestUpstream.server().findAll(anyRequestedFor(anyUrl()))).isEmpty();

        outage.end();
        String requestId = UUID.randomUUID().toString();
        assertThat(submit("test-key-alpha", requestId, BODY)).hasStatus(202);
        assertThat(row(requestId)).containsEntry("outcome", "submitted");
    }

    private void upstream(com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder answer) {
        TestUpstream.server().stubFor(post(anyUrl()).willReturn(answer.withHeader("Content-Type", "application/json")));
    }

    private MvcTestResult submit(String key, String requestId, String body) {
        return mvc.post().uri("/api/v1/pools/" + POOL + "/script-executions").header("X-API-Key", key)
                .header("X-Request-Id", requestId).contentType(MediaType.APPLICATION_JSON).content(body).exchange();
    }

    private Map<String, Object> row(String requestId) {
        return jdbc.sql("select * from audit_events where request_id = ?").param(requestId).query().singleRow();
    }
}
