package com.acme.gateway.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.acme.gateway.Fixtures;
import com.acme.gateway.GatewayHttp;
import com.acme.gateway.Logs;
import com.acme.gateway.MutableClock;
import com.acme.gateway.TestUpstream;
import com.acme.gateway.workspace.TaskQuery;
import com.acme.gateway.workspace.WorkspaceClient;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The upstream as it really is: opaque task ids, the documented time form in task-list queries,
 * start times in several forms, and a Retry-After that tells how long the circuit stays open.
 */
@GatewayOverHttpOnMutableClock
class UpstreamRealismTest {

    private static final String PROJECT = "0bec5db98280d2d02fd6c00c2de791ce";
    private static final String TASKS = "/v2/" + PROJECT + "/desktop-pools/script-execution-tasks/detail";

    @LocalServerPort
    int port;

    @Autowired
    MutableClock clock;

    @Autowired
    WorkspaceClient workspace;

    @Autowired
    CircuitBreakerRegistry breakers;

    GatewayHttp http;

    @BeforeEach
    void setUp() {
        http = new GatewayHttp(port);
        TestUpstream.server().resetAll();
        breaker().reset();
    }

    @AfterEach
    void closeCircuit() {
        breaker().reset();
    }

    @Test
    void acceptsATaskIdThatIsNotAUuidOnThePostAndOnTheStatusEndpoint(CapturedOutput output) {
        String taskId = "TASK-20260601-0001";
        TestUpstream.server().stubFor(post(urlPathMatching(".*/script-executions")).willReturn(okJson(
                "{\"task_id\":\"" + taskId + "\"}")));
        TestUpstream.server().stubFor(get(urlPathMatching(".*/script-execution-tasks/detail")).willReturn(okJson(
                tasks(taskId, "RUNNING", "2026-06-01 10:00:01"))));

        HttpResponse<String> submitted = http.submit(Fixtures.POOL, "", Fixtures.SCRIPT_RUN);
        assertThat(submitted.statusCode()).isEqualTo(202);
        assertThat(GatewayHttp.json(submitted).get("task_id").asString()).isEqualTo(taskId);
        assertThat(submitted.headers().firstValue("Location")).hasValue("/api/v1/executions/" + taskId);

        HttpResponse<String> status = http.get("/api/v1/executions/" + taskId);
        assertThat(status.statusCode()).isEqualTo(200);
        JsonNode task = GatewayHttp.json(status).get("task");
        assertThat(task.get("id").asString()).isEqualTo(taskId);
        assertThat(task.get("status").asString()).isEqualTo("RUNNING");
        TestUpstream.server().verify(1, getRequestedFor(urlEqualTo(TASKS + "?desktop_pool_id=" + Fixtures.POOL
                + "&limit=1&offset=0&task_id=" + taskId)));
        Logs.noErrorNorStackTrace(output);
    }

    @ParameterizedTest
    @ValueSource(strings = {"../../v3/x", "a b", "x12345678901234567890123456789012345678901234567890123456789012345", "task_1", ""})
    void aTaskIdOutsideTheSafeFormIsAnUnknownOutcome(String taskId) {
        TestUpstream.server().stubFor(post(urlPathMatching(".*/script-executions")).willReturn(okJson(
                "{\"task_id\":\"" + taskId + "\"}")));

        HttpResponse<String> response = http.submit(Fixtures.POOL, "", Fixtures.SCRIPT_RUN);

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(GatewayHttp.json(response).get("type").asString()).endsWith("/outcome-unknown");
    }

    @ParameterizedTest
    @ValueSource(strings = {"task_1", "a.b", "x%2Fy", "0123456789012345678901234567890123456789012345678901234567890123456789"})
    void theStatusEndpointRefusesAnUnsafeTaskIdBeforeAnyLookup(String taskId, CapturedOutput output) {
        HttpResponse<String> response = http.get("/api/v1/executions/" + taskId);

        assertThat(response.statusCode()).isIn(400, 404);
        assertThat(response.headers().firstValue("Content-Type")).get().asString().startsWith("application/problem+json");
        assertThat(response.headers().firstValue("X-Request-Id")).isPresent();
        assertThat(TestUpstream.server().findAll(anyRequestedFor(anyUrl()))).isEmpty();
        Logs.noErrorNorStackTrace(output);
    }

    @Test
    void taskListQueriesSendWholeSecondsInUtcWideningTheWindow() {
        TestUpstream.server().stubFor(get(urlPathMatching(".*/script-execution-tasks/detail")).willReturn(okJson(
                "{\"script_execution_tasks\":[],\"total_count\":0}")));

        workspace.findTasks(new TaskQuery(Fixtures.POOL, null, Fixtures.SCRIPT,
                Instant.parse("2026-06-01T09:59:00.123456Z"), Instant.parse("2026-06-01T10:05:00.000001Z"), 100));
        workspace.findTasks(new TaskQuery(Fixtures.POOL, null, Fixtures.SCRIPT,
                Instant.parse("2026-06-01T09:59:00Z"), Instant.parse("2026-06-01T10:05:00Z"), 100));

        String expected = TASKS + "?desktop_pool_id=" + Fixtures.POOL + "&limit=100&offset=0&script_id="
                + Fixtures.SCRIPT + "&execute_time_start=2026-06-01T09:59:00Z&execute_time_end=";
        TestUpstream.server().verify(1, getRequestedFor(urlEqualTo(expected + "2026-06-01T10:05:01Z")));
        TestUpstream.server().verify(1, getRequestedFor(urlEqualTo(expected + "2026-06-01T10:05:00Z")));
    }

    @Test
    void retryAfterOnAnOpenCircuitIsTheTimeLeftInTheOpenState(CapturedOutput output) {
        breaker().transitionToOpenState();
        clock.advance(Duration.ofSeconds(20));

        HttpResponse<String> response = http.submit(Fixtures.POOL, "", Fixtures.SCRIPT_RUN);

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(GatewayHttp.json(response).get("type").asString()).endsWith("/circuit-open");
        // the default wait in the open state is 30 s; 20 s of it have passed
        assertThat(response.headers().firstValue("Retry-After")).hasValue("10");
        clock.advance(Duration.ofMillis(9_500));
        assertThat(http.submit(Fixtures.POOL, "", Fixtures.SCRIPT_RUN).headers().firstValue("Retry-After"))
                .hasValue("1");
        TestUpstream.server().verify(0, postRequestedFor(anyUrl()));
        Logs.noErrorNorStackTrace(output);
    }

    private CircuitBreaker breaker() {
        return breakers.circuitBreaker("workspace");
    }

    static String tasks(String taskId, String status, String startTime) {
        return "{\"script_execution_tasks\":[{\"id\":\"" + taskId + "\",\"desktop_pool_id\":\"" + Fixtures.POOL
                + "\",\"scripts\":[{\"id\":\"" + Fixtures.SCRIPT + "\",\"name\":\"s\"}],\"status\":\"" + status
                + "\",\"start_time\":\"" + startTime + "\",\"success_num\":0,\"failed_num\":0,\"skip_num\":0}],"
                + "\"total_count\":1}";
    }

    static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder okJson(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }
}
