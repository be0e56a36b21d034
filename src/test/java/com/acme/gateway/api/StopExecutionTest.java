package com.acme.gateway.api;

import static com.acme.gateway.Fixtures.POOL;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.acme.gateway.TestUpstream;
import com.acme.gateway.workspace.SdkSignatures;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code POST /api/v1/executions/{taskId}/stop} over real HTTP against the WireMock Workspace API. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "management.server.port=0", "gateway.policy.location=src/test/resources/controls/policy.yaml",
    "workspace.timeouts.read=10s"})
@ActiveProfiles("test")
@ContextConfiguration(initializers = TestUpstream.class)
class StopExecutionTest {

    private static final String PROJECT = "0bec5db98280d2d02fd6c00c2de791ce";
    private static final String STOP_PATH = "/v2/" + PROJECT + "/script-executions/stop";
    private static final String BODY = "{\"script_ids\":[\"0006e69f-5970-4af5-a652-e111055e630b\"],"
            + "\"desktop_ids\":[\"00298bb0-104a-4467-9b15-876c6fb7a99f\"]}";
    private static final JsonMapper JSON = JsonMapper.shared();

    private final HttpClient http = HttpClient.newHttpClient();
    private String task;

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @BeforeEach
    void alphaStartsATask() throws Exception {
        task = UUID.randomUUID().toString();
        TestUpstream.resetAndAccept(task);
        TestUpstream.server().stubFor(post(urlPathEqualTo(STOP_PATH)).willReturn(aResponse().withStatus(200)
                .withHeader("X-Request-Id", "upstream-stop-1")));
        assertThat(send("/api/v1/pools/" + POOL + "/script-executions", "test-key-alpha", BODY).statusCode()).isEqualTo(202);
    }

    @Test
    void ownerStopsItsTaskWithOneSignedUpstreamRequest() throws Exception {
        HttpResponse<String> stopped = stop("test-key-alpha", "");

        assertThat(stopped.statusCode()).isEqualTo(202);
        assertThat(stopped.headers().firstValue("Location")).contains("/api/v1/executions/" + task);
        assertThat(JSON.readTree(stopped.body())).isEqualTo(JSON.readTree("{\"task_id\":\"" + task + "\",\"pool_id\":\""
                + POOL + "\",\"team\":\"alpha\",\"stopped_by\":\"alpha\"}"));
        List<LoggedRequest> sent = stopRequests();
        assertThat(sent).hasSize(1);
        LoggedRequest request = sent.getFirst();
        assertThat(request.getUrl()).isEqualTo(STOP_PATH);
        assertThat(request.getBodyAsString()).isEqualTo("{\"task_id\":\"" + task + "\"}");
        assertThat(request.getHeader("Content-Type")).startsWith("application/json");
        assertThat(request.getHeader("X-Project-Id")).isEqualTo(PROJECT);
        String host = request.getHeader("Host");
        assertThat(request.getHeader("Authorization")).isEqualTo(SdkSignatures.expectedAuthorization("POST",
                request.getAbsoluteUrl(), Map.of("Host", host, "X-Sdk-Date", request.getHeader("X-Sdk-Date"),
                        "X-Project-Id", PROJECT), List.of("host", "x-project-id", "x-sdk-date"), request.getBody(),
                "HPUAEXAMPLEACCESSKEY1", "ExampleSecretKey0123456789abcdefABCDEF0123"));
        JsonNode row = stopRows().getFirst();
        assertThat(row.get("team").asString()).isEqualTo("alpha");
        assertThat(row.get("outcome").asString()).isEqualTo("stopped");
        assertThat(row.get("upstream_request_id").asString()).isEqualTo("upstream-stop-1");
        assertThat(row.get("reasons").get(0).get("rule").asString()).isEqualTo("owner");
    }

    @Test
    void stopsOneDesktopRecordWhenTheBodyNamesIt() throws Exception {
        assertThat(stop("test-key-alpha", "{\"record_id\":\"rec-0042\"}").statusCode()).isEqualTo(202);

        assertThat(stopRequests()).singleElement().extracting(LoggedRequest::getBodyAsString)
                .isEqualTo("{\"task_id\":\"" + task + "\",\"record_id\":\"rec-0042\"}");
    }

    @Test
    void foreignTeamGetsNotFoundLikeAnUnknownTaskAndNothingIsSent() throws Exception {
        HttpResponse<String> foreign = stop("test-key-beta", "");
        HttpResponse<String> unknown = send("/api/v1/executions/" + UUID.randomUUID() + "/stop", "test-key-alpha", "");

        assertThat(foreign.statusCode()).isEqualTo(404);
        assertThat(foreign.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(problem(foreign)).isEqualTo(problem(unknown));
        assertThat(JSON.readTree(foreign.body()).get("type").asString())
                .isEqualTo("https://gateway.acme.com/problems/not-found");
        assertThat(stopRequests()).isEmpty();
    }

    @Test
    void operatorStopsAnotherTeamsTaskButDoesNotGainItsRecord() throws Exception {
        HttpResponse<String> stopped = stop("test-key-operator", "");

        assertThat(stopped.statusCode()).isEqualTo(202);
        assertThat(JSON.readTree(stopped.body()).get("team").asString()).isEqualTo("alpha");
        assertThat(JSON.readTree(stopped.body()).get("stopped_by").asString()).isEqualTo("ops");
        assertThat(stopRequests()).hasSize(1);
        assertThat(stopRows().getFirst().get("reasons").get(0).get("rule").asString()).isEqualTo("operator");
        assertThat(send("/api/v1/executions/" + task, "test-key-operator", null).statusCode()).isEqualTo(404);
    }

    @Test
    void repeatedStopIsHarmless() throws Exception {
        double before = stopsCounted("alpha", "stopped");

        assertThat(stop("test-key-alpha", "").statusCode()).isEqualTo(202);
        assertThat(stop("test-key-alpha", "").statusCode()).isEqualTo(202);

        assertThat(stopRequests()).hasSize(2).allSatisfy(request ->
                assertThat(request.getBodyAsString()).isEqualTo("{\"task_id\":\"" + task + "\"}"));
        assertThat(stopRows()).hasSize(2).allSatisfy(row -> assertThat(row.get("outcome").asString()).isEqualTo("stopped"));
        assertThat(stopsCounted("alpha", "stopped") - before).isEqualTo(2);
        assertThat(send("/api/v1/executions/" + task, "test-key-alpha", null).statusCode()).isEqualTo(200);
    }

    @Test
    void retriesAStopTheUpstreamDidNotProcess() throws Exception {
        TestUpstream.server().stubFor(post(urlPathEqualTo(STOP_PATH)).inScenario("throttled")
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("open")
                .willReturn(aResponse().withStatus(429).withHeader("Content-Type", "application/json")
                        .withBody("{\"error_code\":\"APIGW.0308\",\"error_msg\":\"over ratelimit\"}")));
        TestUpstream.server().stubFor(post(urlPathEqualTo(STOP_PATH)).inScenario("throttled")
                .whenScenarioStateIs("open").willReturn(aResponse().withStatus(200)));

        HttpResponse<String> stopped = stop("test-key-alpha", "");

        assertThat(stopped.statusCode()).isEqualTo(202);
        assertThat(stopped.headers().firstValue("X-Upstream-Attempts")).contains("2");
        assertThat(stopRequests()).hasSize(2);
        assertThat(stopRows().getFirst().get("attempts").asInt()).isEqualTo(2);
    }

    @Test
    void aTimedOutStopIsReportedAsUnknownAndNotResent() throws Exception {
        TestUpstream.server().stubFor(post(urlPathEqualTo(STOP_PATH)).willReturn(aResponse().withStatus(200)
                .withFixedDelay(12_000)));

        HttpResponse<String> timedOut = stop("test-key-alpha", "");

        assertThat(timedOut.statusCode()).isEqualTo(504);
        assertThat(JSON.readTree(timedOut.body()).get("detail").asString()).contains("safe to repeat");
        assertThat(stopRequests()).hasSize(1);
        assertThat(stopRows("stop_failed")).hasSize(1);
    }

    @Test
    void upstreamRefusalIsPassedOnAndAuditedAsStopFailed() throws Exception {
        TestUpstream.server().stubFor(post(urlPathEqualTo(STOP_PATH)).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error_code\":\"WKS.0170\",\"error_msg\":\"The task has finished.\"}")));

        HttpResponse<String> refused = stop("test-key-alpha", "");

        assertThat(refused.statusCode()).isEqualTo(400);
        JsonNode problem = JSON.readTree(refused.body());
        assertThat(problem.get("type").asString()).isEqualTo("https://gateway.acme.com/problems/upstream-rejected");
        assertThat(problem.get("error_code").asString()).isEqualTo("WKS.0170");
        assertThat(problem.get("detail").asString()).contains("safe to repeat");
        assertThat(stopRows("stop_failed")).singleElement()
                .satisfies(row -> assertThat(row.get("upstream_error_code").asString()).isEqualTo("WKS.0170"));
    }

    @Test
    void rejectsABadTaskIdOrBodyBeforeAnyLookup() throws Exception {
        HttpResponse<String> badId = send("/api/v1/executions/not_a_task/stop", "test-key-alpha", "");
        HttpResponse<String> unknownField = stop("test-key-alpha", "{\"task_id\":\"x\",\"record_id\":\"../x\"}");
        HttpResponse<String> notJson = stop("test-key-alpha", "stop it");

        assertThat(badId.statusCode()).isEqualTo(400);
        assertThat(unknownField.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(unknownField.body()).get("errors").toString()).contains("#/task_id", "#/record_id");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(stopRequests()).isEmpty();
    }

    private HttpResponse<String> stop(String key, String body) throws IOException, InterruptedException {
        return send("/api/v1/executions/" + task + "/stop", key, body);
    }

    private static Map<String, Object> problem(HttpResponse<String> response) {
        Map<String, Object> body = new java.util.HashMap<>(JSON.readValue(response.body(), Map.class));
        body.remove("instance");
        return body;
    }

    private List<LoggedRequest> stopRequests() {
        return TestUpstream.server().findAll(postRequestedFor(urlPathEqualTo(STOP_PATH)));
    }

    private List<JsonNode> stopRows() throws IOException, InterruptedException {
        return stopRows("stopped");
    }

    private List<JsonNode> stopRows(String outcome) throws IOException, InterruptedException {
        HttpResponse<String> page = send("/api/v1/audit-events?outcome=" + outcome + "&size=100", "test-key-auditor", null);
        assertThat(page.statusCode()).isEqualTo(200);
        List<JsonNode> rows = new java.util.ArrayList<>();
        JSON.readTree(page.body()).get("items").forEach(row -> {
            if (task.equals(row.get("task_id").asString())) {
                rows.add(row);
            }
        });
        return rows;
    }

    private double stopsCounted(String team, String result) throws IOException, InterruptedException {
        String scrape = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + managementPort
                + "/actuator/prometheus")).build(), HttpResponse.BodyHandlers.ofString()).body();
        return scrape.lines().filter(l -> l.startsWith("gateway_stops_total{") && l.contains("team=\"" + team + "\"")
                        && l.contains("result=\"" + result + "\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    private HttpResponse<String> send(String path, String key, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("X-API-Key", key);
        if (body == null) {
            request.GET();
        } else {
            request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
