package com.acme.gateway.api;

import static com.acme.gateway.Fixtures.ALPHA;
import static com.acme.gateway.Fixtures.BETA;
import static com.acme.gateway.Fixtures.POOL;
import static com.acme.gateway.api.Submissions.json;
import static com.acme.gateway.api.Submissions.submit;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.acme.gateway.GatewayWithMockMvc;
import com.acme.gateway.TestUpstream;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import java.net.URI;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;

/** {@code GET /api/v1/executions/{taskId}}: own tasks with live status; anything else is not found, without asking upstream. */
@GatewayWithMockMvc
class ExecutionStatusTest {

    private static final String TASK_DETAIL = ".*/desktop-pools/script-execution-tasks/detail";

    @Autowired
    MockMvcTester mvc;

    @BeforeEach
    void reset() {
        TestUpstream.server().resetAll();
    }

    @Test
    void answersOwnTaskWithItsLiveStatusFromASignedUpstreamQuery() {
        String taskId = submit(mvc, ALPHA, POOL);
        taskDetailAnswers(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"total_count\":1,\"script_execution_tasks\":[{\"id\":\"" + taskId + "\",\"desktop_pool_id\":\""
                        + POOL + "\",\"status\":\"RUNNING\",\"start_time\":\"2026-03-01T10:00:00Z\",\"success_num\":3,"
                        + "\"failed_num\":1,\"skip_num\":0}]}"));

        MvcTestResult result = status(ALPHA, taskId);

        assertThat(result).hasStatus(200).hasContentType(MediaType.APPLICATION_JSON);
        JsonNode body = json(result);
        assertThat(body.get("execution").get("task_id").asString()).isEqualTo(taskId);
        assertThat(body.get("execution").get("team").asString()).isEqualTo("alpha");
        assertThat(body.get("task").get("id").asString()).isEqualTo(taskId);
        assertThat(body.get("task").get("status").asString()).isEqualTo("RUNNING");
        assertThat(body.get("task").get("start_time").asString()).isEqualTo("2026-03-01T10:00:00Z");
        assertThat(body.get("task").get("success_num").asInt()).isEqualTo(3);
        assertThat(body.get("task").get("failed_num").asInt()).isEqualTo(1);
        assertThat(body.get("task").get("skip_num").asInt()).isZero();
        assertThat(body.get("task_error").isNull()).isTrue();
        TestUpstream.server().verify(1, getRequestedFor(urlPathMatching(TASK_DETAIL))
                .withHeader("Authorization", matching("SDK-HMAC-SHA256 .+"))
                .withQueryParam("task_id", equalTo(taskId))
                .withQueryParam("desktop_pool_id", equalTo(POOL)));
    }

    @Test
    void answersAnotherTeamsTaskAsNotFoundWithoutAskingUpstream() {
        String betasTask = submit(mvc, BETA, POOL);

        MvcTestResult othersTask = status(ALPHA, betasTask);
        MvcTestResult unknownTask = status(ALPHA, UUID.randomUUID().toString());

        assertThat(othersTask).hasStatus(404).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(othersTask).bodyJson().extractingPath("$.type").isEqualTo("https://gateway.acme.com/problems/not-found");
        assertThat(withoutInstance(othersTask)).isEqualTo(withoutInstance(unknownTask));
        assertNoTaskLookup();
    }

    @Test
    void stillAnswersTheRecordWhenTheUpstreamFails() {
        String taskId = submit(mvc, ALPHA, POOL);
        taskDetailAnswers(aResponse().withStatus(500).withHeader("Content-Type", "application/json")
                .withBody("{\"error_code\":\"WKS.0000\",\"error_msg\":\"Internal error\"}"));

        MvcTestResult result = status(ALPHA, taskId);

        assertThat(result).hasStatus(200);
        assertThat(json(result).get("execution").get("task_id").asString()).isEqualTo(taskId);
        assertThat(json(result).get("task").isNull()).isTrue();
        assertThat(json(result).get("task_error").asString()).contains("HTTP 500");
    }

    @Test
    void saysSoWhenTheUpstreamDoesNotListTheTask() {
        String taskId = submit(mvc, ALPHA, POOL);
        taskDetailAnswers(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"total_count\":0,\"script_execution_tasks\":[]}"));

        MvcTestResult result = status(ALPHA, taskId);

        assertThat(result).hasStatus(200);
        assertThat(json(result).get("task").isNull()).isTrue();
        assertThat(json(result).get("task_error").asString()).contains("does not list this task");
    }

    @Test
    void saysSoWhenTheUpstreamTimesOut() {
        String taskId = submit(mvc, ALPHA, POOL);
        taskDetailAnswers(aResponse().withStatus(200).withFixedDelay(1500).withBody("{\"script_execution_tasks\":[]}"));

        MvcTestResult result = status(ALPHA, taskId);

        assertThat(result).hasStatus(200);
        assertThat(json(result).get("task_error").asString()).contains("did not answer in time");
    }

    @ParameterizedTest
    @ValueSource(strings = {"...", "a_b", "a.b", POOL + POOL, POOL + "%3Fx=1", POOL + "%40evil.example",
            "a130ab3a-72bf-4b71-baa9-af4987c8e33%EF%BC%98"})
    void rejectsATaskIdOutsideTheSafeFormBeforeAnyLookup(String taskId) {
        MvcTestResult result = mvc.get().uri(URI.create("/api/v1/executions/" + taskId)).header("X-API-Key", ALPHA).exchange();

        assertThat(result).hasStatus(400).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result).bodyJson().extractingPath("$.errors[0].parameter").isEqualTo("taskId");
        assertNoTaskLookup();
    }

    /** Spring Security's firewall stops encoded slashes, dots and percent signs before the controller. */
    @ParameterizedTest
    @ValueSource(strings = {"..%2F", "..%2f" + POOL, "..%252F", "%2e%2e"})
    void rejectsAnEncodedPathTraversalBeforeAnyLookup(String taskId) {
        MvcTestResult result = mvc.get().uri(URI.create("/api/v1/executions/" + taskId)).header("X-API-Key", ALPHA).exchange();

        assertThat(result).hasStatus(400);
        assertNoTaskLookup();
    }

    private MvcTestResult status(String apiKey, String taskId) {
        return mvc.get().uri("/api/v1/executions/{taskId}", taskId).header("X-API-Key", apiKey).exchange();
    }

    /** The problem's {@code instance} echoes the caller's own path; everything else must be identical. */
    private static JsonNode withoutInstance(MvcTestResult result) {
        JsonNode problem = json(result);
        ((tools.jackson.databind.node.ObjectNode) problem).remove("instance");
        return problem;
    }

    private static void taskDetailAnswers(ResponseDefinitionBuilder answer) {
        TestUpstream.server().stubFor(get(urlPathMatching(TASK_DETAIL)).willReturn(answer));
    }

    private static void assertNoTaskLookup() {
        RequestPatternBuilder lookups = getRequestedFor(urlPathMatching(TASK_DETAIL));
        TestUpstream.server().verify(0, lookups);
    }
}
