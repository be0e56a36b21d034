package com.acme.gateway.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.acme.gateway.Fixtures;
import com.acme.gateway.Logs;
import com.acme.gateway.TestUpstream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The per-request log event in the production log format (ECS JSON on the console, application.yml):
 * written once per request with its fields, and every other line of an execution is written too.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"management.server.port=0",
                "logging.structured.format.console=org.springframework.boot.logging.logback.EcsStringFormatter"})
@ActiveProfiles("test")
@ContextConfiguration(initializers = TestUpstream.class)
@ExtendWith(OutputCaptureExtension.class)
class StructuredLogEventTest {

    private static final String TASK = "7d0c6a43-6a0b-4f0c-9d5e-0a1b2c3d4e5f";

    @LocalServerPort
    int port;

    @BeforeEach
    void accept() {
        TestUpstream.resetAndAccept(TASK);
    }

    @Test
    void writesOneEcsEventPerRequestWithItsFields(CapturedOutput output) throws Exception {
        HttpResponse<String> response = submit("", "ecs-event-1");

        assertThat(response.statusCode()).isEqualTo(202);
        JsonNode event = await().atMost(Duration.ofSeconds(5)).until(() -> event(output, "ecs-event-1"), e -> e != null);
        assertThat(event.get("message").asString()).isEqualTo("script execution submitted");
        assertThat(event.get("request_id").asString()).isEqualTo("ecs-event-1");
        assertThat(event.get("team").asString()).isEqualTo("alpha");
        assertThat(event.get("principal").asString()).isEqualTo("apikey:alpha-ci");
        assertThat(event.get("pool_id").asString()).isEqualTo(Fixtures.POOL);
        assertThat(event.get("kind").asString()).isEqualTo("script");
        assertThat(event.get("outcome").asString()).isEqualTo("submitted");
        assertThat(event.get("status").asInt()).isEqualTo(202);
        assertThat(event.get("task_id").asString()).isEqualTo(TASK);
        assertThat(event.get("upstream_attempts").asInt()).isEqualTo(1);
        assertThat(event.get("desktop_count").asInt()).isEqualTo(1);
        assertThat(event.get("dry_run").asBoolean()).isFalse();
        assertThat(event.has("duration_ms")).isTrue();
        assertThat(events(output, "ecs-event-1")).hasSize(1);
        assertThat(output.getAll()).doesNotContain("Duplicate nested pairs").doesNotContain("failed to append");
        Logs.noErrorNorStackTrace(output);
    }

    @Test
    void theUpstreamClientsOwnLinesAreWrittenToo(CapturedOutput output) throws Exception {
        TestUpstream.server().resetAll();
        TestUpstream.server().stubFor(post(
                urlPathMatching(".*/script-executions"))
                .willReturn(aResponse().withStatus(500)));
        HttpResponse<String> response = submit("", "ecs-event-2");

        assertThat(response.statusCode()).isEqualTo(502);
        await().atMost(Duration.ofSeconds(5)).until(() -> event(output, "ecs-event-2") != null);
        assertThat(lines(output)).anySatisfy(line -> {
            assertThat(line.path("request_id").asString()).isEqualTo("ecs-event-2");
            assertThat(line.path("upstream_failure").asString()).isEqualTo("UNKNOWN");
            assertThat(line.path("upstream_status").asInt()).isEqualTo(500);
        });
        assertThat(output.getAll()).doesNotContain("Duplicate nested pairs").doesNotContain("failed to append");
    }

    @Test
    void aDryRunIsLoggedAsSuch(CapturedOutput output) throws Exception {
        HttpResponse<String> response = submit("?dry_run=true", "ecs-event-3");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode event = await().atMost(Duration.ofSeconds(5)).until(() -> event(output, "ecs-event-3"), e -> e != null);
        assertThat(event.get("outcome").asString()).isEqualTo("dry_run");
        assertThat(event.get("dry_run").asBoolean()).isTrue();
    }

    private HttpResponse<String> submit(String query, String requestId) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/api/v1/pools/" + Fixtures.POOL + "/script-executions" + query))
                .header("X-API-Key", Fixtures.ALPHA).header("Content-Type", "application/json")
                .header("X-Request-Id", requestId)
                .POST(HttpRequest.BodyPublishers.ofString(Fixtures.SCRIPT_RUN)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode event(CapturedOutput output, String requestId) {
        List<JsonNode> events = events(output, requestId);
        return events.isEmpty() ? null : events.getFirst();
    }

    private static List<JsonNode> events(CapturedOutput output, String requestId) {
        return lines(output).stream().filter(line -> "script_execution".equals(line.path("event").asString(null))
                && requestId.equals(line.path("request_id").asString(null))).toList();
    }

    private static List<JsonNode> lines(CapturedOutput output) {
        return Arrays.stream(output.getOut().split("\\R")).filter(line -> line.startsWith("{"))
                .map(line -> JsonMapper.shared().readTree(line)).toList();
    }
}
