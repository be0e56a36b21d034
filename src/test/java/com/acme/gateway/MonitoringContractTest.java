package com.acme.gateway;

import static com.acme.gateway.Fixtures.POOL;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.acme.gateway.lifecycle.Outcome;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;
import org.yaml.snakeyaml.Yaml;

/**
 * Every series the Grafana dashboard and the Prometheus alert rules query exists in the gateway's
 * real {@code /actuator/prometheus} output after a mix of requests, with the label values they
 * select. Its own context: the mix pauses upstream calls after a 401 (lockout threshold 1).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"management.server.port=0", "workspace.resilience.credential-lockout.threshold=1"})
@ActiveProfiles("test")
@ContextConfiguration(initializers = TestUpstream.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MonitoringContractTest {

    private static final Path FILES = Path.of("helm/workspace-script-gateway/files");
    private static final String SCRIPT = "{\"script_ids\":[\"0006e69f-5970-4af5-a652-e111055e630b\"],"
            + "\"desktop_ids\":[\"00298bb0-104a-4467-9b15-876c6fb7a99f\"]}";
    private static final Pattern METRIC = Pattern.compile("\\b(?:gateway|http|resilience4j)_[a-z0-9_]+\\b");
    private static final Pattern SELECTOR = Pattern.compile("([a-z0-9_]+)\\{([^}]*)}");
    private static final Pattern EQUALS_MATCHER = Pattern.compile("([a-z_]+)\\s*=\\s*\"([^\"]*)\"");

    private final HttpClient http = HttpClient.newHttpClient();
    private String scrape = "";

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @BeforeAll
    void scriptedMixOfRequests() throws Exception {
        TestUpstream.resetAndAccept("9f0c7f43-1f7a-4c55-9d9b-6f5b0c0e1a11");
        TestUpstream.server().stubFor(post(urlPathMatching(".*/script-executions")).atPriority(1)
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing("command_content"))
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                        .withBody("{\"error_code\":\"APIGW.0301\",\"error_msg\":\"Incorrect IAM authentication information\"}")));

        assertThat(submit("test-key-alpha", "k-1", SCRIPT)).isEqualTo(202);
        assertThat(submit("test-key-alpha", "k-1", SCRIPT)).isEqualTo(202);
        assertThat(submit("test-key-beta", null, "{\"script_ids\":[\"0006e69f-5970-4af5-a652-e111055e630b\"]}")).isEqualTo(403);
        assertThat(submit("wrong-key", null, SCRIPT)).isEqualTo(401);
        List<Integer> gamma = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            gamma.add(submit("test-key-gamma", null, SCRIPT));
        }
        assertThat(gamma).contains(429);
        String command = "{\"command_content\":\"uptime\",\"command_type\":\"SHELL\","
                + "\"desktop_ids\":[\"00298bb0-104a-4467-9b15-876c6fb7a99f\"]}";
        assertThat(submit("test-key-alpha", null, command)).isEqualTo(502);
        assertThat(submit("test-key-alpha", null, SCRIPT)).isEqualTo(503);

        scrape = get("/actuator/prometheus");
    }

    @Test
    void everyMetricOfTheDashboardAndTheAlertsIsExported() throws IOException {
        Set<String> exported = scrape.lines().filter(line -> !line.startsWith("#") && !line.isBlank())
                .map(line -> line.split("[{ ]", 2)[0]).collect(Collectors.toSet());
        Set<String> used = new TreeSet<>();
        for (String expr : expressions()) {
            METRIC.matcher(expr).results().map(MatchResult::group).forEach(used::add);
        }

        assertThat(used).contains("gateway_executions_total", "resilience4j_circuitbreaker_state",
                "gateway_upstream_credential_paused", "gateway_unknown_outcomes_total", "http_server_requests_seconds_count");
        assertThat(exported).containsAll(used);
    }

    @Test
    void everyLabelValueTheyMatchExactlyExists() throws IOException {
        for (String expr : expressions()) {
            for (MatchResult selector : SELECTOR.matcher(expr).results().toList()) {
                String metric = selector.group(1);
                for (MatchResult matcher : EQUALS_MATCHER.matcher(selector.group(2)).results().toList()) {
                    String label = matcher.group(1) + "=\"" + matcher.group(2) + "\"";
                    if (metric.equals("gateway_executions_total") && matcher.group(1).equals("outcome")) {
                        // one series per team and outcome appears with its first request: check the vocabulary
                        assertThat(Outcome.fromValue(matcher.group(2))).as(label).isNotNull();
                    } else {
                        assertThat(scrape.lines().filter(line -> line.startsWith(metric + "{") && line.contains(label)))
                                .as(metric + "{" + label + "} in " + expr).isNotEmpty();
                    }
                }
            }
        }
    }

    @Test
    void theMixLeftItsMarkOnTheCountersTheDashboardShows() {
        assertThat(scrape).containsPattern("gateway_executions_total\\{[^}]*outcome=\"rate_limited\"[^}]*team=\"gamma\"")
                .containsPattern("gateway_idempotency_repeats_total\\{[^}]*result=\"replayed\"")
                .containsPattern("gateway_upstream_short_circuits_total\\{reason=\"credentials_locked\"[^}]*} 1.0")
                .containsPattern("gateway_upstream_credential_paused(\\{[^}]*})? 1.0");
    }

    /** Every PromQL expression of the dashboard (panel targets) and of the alert rules. */
    private static List<String> expressions() throws IOException {
        List<String> found = new ArrayList<>();
        Yaml yaml = new Yaml();
        collect(yaml.load(Files.readString(FILES.resolve("dashboard.json"))), found);
        collect(yaml.load(Files.readString(FILES.resolve("alerts.yaml"))), found);
        assertThat(found).hasSizeGreaterThan(20);
        return found;
    }

    private static void collect(Object node, List<String> found) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> {
                if ("expr".equals(key) && value instanceof String expr) {
                    found.add(expr);
                } else {
                    collect(value, found);
                }
            });
        } else if (node instanceof List<?> list) {
            list.forEach(item -> collect(item, found));
        }
    }

    private int submit(String key, String idempotencyKey, String body) throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/pools/" + POOL + "/script-executions"))
                .header("X-API-Key", key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private String get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + managementPort + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}
