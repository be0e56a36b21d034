package com.acme.gateway;

import static com.acme.gateway.Fixtures.POOL;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/** The gateway through its real HTTP stack: public port, management port, metrics and request ids. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "management.server.port=0")
@ActiveProfiles("test")
@ContextConfiguration(initializers = TestUpstream.class)
class GatewayEndToEndTest {

    private static final String GOOD = "{\"script_ids\":[\"0006e69f-5970-4af5-a652-e111055e630b\"],"
            + "\"desktop_ids\":[\"00298bb0-104a-4467-9b15-876c6fb7a99f\"]}";
    private static final String REJECTED_SCRIPT = "{\"script_ids\":[\"1116e69f-5970-4af5-a652-e111055e630b\"],"
            + "\"desktop_ids\":[\"00298bb0-104a-4467-9b15-876c6fb7a99f\"]}";

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @BeforeEach
    void upstream() {
        TestUpstream.server().resetAll();
        TestUpstream.server().stubFor(post(urlPathMatching(".*/script-executions")).atPriority(5)
                .willReturn(aResponse().withStatus(200).withBody("{\"task_id\":\"9f0c7f43-1f7a-4c55-9d9b-6f5b0c0e1a11\"}")));
        TestUpstream.server().stubFor(post(urlPathMatching(".*/script-executions")).atPriority(1)
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing("1116e69f"))
                .willReturn(aResponse().withStatus(400).withBody("{\"error_code\":\"WKS.0003\",\"error_msg\":\"no\"}")));
    }

    @Test
    void countsEveryOutcomePerTeamInPrometheus() throws Exception {
        double[] before = counters();

        assertThat(submit("test-key-alpha", "", GOOD).statusCode()).isEqualTo(202);
        assertThat(submit("test-key-alpha", "", GOOD).statusCode()).isEqualTo(202);
        assertThat(submit("test-key-alpha", "", REJECTED_SCRIPT).statusCode()).isEqualTo(400);
        assertThat(submit("test-key-alpha", "", "{\"script_ids\":[]}").statusCode()).isEqualTo(400);
        assertThat(submit("test-key-beta", "", "{\"script_ids\":[\"0006e69f-5970-4af5-a652-e111055e630b\"]}").statusCode())
                .isEqualTo(403);
        assertThat(submit("test-key-beta", "?dry_run=true", GOOD).statusCode()).isEqualTo(200);
        assertThat(submit("wrong-key", "", GOOD).statusCode()).isEqualTo(401);

        double[] after = counters();
        double[] delta = new double[after.length];
        Arrays.setAll(delta, i -> after[i] - before[i]);
        assertThat(delta).containsExactly(2, 1, 1, 1, 1, 1);
    }

    @Test
    void echoesAWellFormedRequestIdAndReplacesAMalformedOne() throws Exception {
        HttpResponse<String> echoed = send(request("/api/v1/pools/" + POOL + "/script-executions?dry_run=true", "test-key-alpha")
                .header("X-Request-Id", "trace-42.abc").POST(HttpRequest.BodyPublishers.ofString(GOOD)).build());
        HttpResponse<String> replaced = send(request("/api/v1/pools/" + POOL + "/script-executions?dry_run=true", "test-key-alpha")
                .header("X-Request-Id", "<script>alert(1)</script>").POST(HttpRequest.BodyPublishers.ofString(GOOD)).build());
        HttpResponse<String> unauthenticated = send(request("/api/v1/me", "nope").GET().build());

        assertThat(echoed.headers().firstValue("X-Request-Id")).contains("trace-42.abc");
        assertThat(replaced.headers().firstValue("X-Request-Id")).get().asString()
                .matches("[0-9a-f-]{36}").doesNotContain("script");
        assertThat(unauthenticated.statusCode()).isEqualTo(401);
        assertThat(unauthenticated.headers().firstValue("X-Request-Id")).isPresent();
    }

    @Test
    void servesOperationsOnlyOnTheManagementPort() throws Exception {
        assertThat(get(managementPort, "/actuator/health/liveness").body()).contains("\"UP\"");
        assertThat(get(managementPort, "/actuator/health/readiness").statusCode()).isEqualTo(200);
        assertThat(get(managementPort, "/actuator/info").statusCode()).isEqualTo(200);
        assertThat(get(managementPort, "/actuator/prometheus").body()).contains("gateway_policy_reloads_total");
        for (String hidden : new String[] {"/actuator/env", "/actuator/configprops", "/actuator/heapdump", "/actuator/beans"}) {
            HttpResponse<String> response = get(managementPort, hidden);
            assertThat(response.statusCode()).as(hidden).isIn(401, 403, 404);
            assertThat(response.body()).doesNotContain("secret", "propertySources", "workspace.credentials");
        }
        assertThat(get(port, "/actuator/health").statusCode()).isIn(401, 403, 404);
        assertThat(get(port, "/actuator/prometheus").body()).doesNotContain("gateway_executions");
    }

    private double[] counters() throws IOException, InterruptedException {
        String scrape = get(managementPort, "/actuator/prometheus").body();
        return new double[] {
            counter(scrape, "alpha", "submitted", "script"),
            counter(scrape, "alpha", "upstream_rejected", "script"),
            counter(scrape, "alpha", "invalid", "unknown"),
            counter(scrape, "beta", "denied", "script"),
            counter(scrape, "beta", "dry_run", "script"),
            counter(scrape, "none", "unauthenticated", "unknown"),
        };
    }

    private static double counter(String scrape, String team, String outcome, String kind) {
        return scrape.lines()
                .filter(l -> l.startsWith("gateway_executions_total{") && l.contains("team=\"" + team + "\"")
                        && l.contains("outcome=\"" + outcome + "\"") && l.contains("kind=\"" + kind + "\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
    }

    private HttpResponse<String> submit(String key, String query, String body) throws IOException, InterruptedException {
        return send(request("/api/v1/pools/" + POOL + "/script-executions" + query, key)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private HttpRequest.Builder request(String path, String key) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("X-API-Key", key).header("Content-Type", "application/json");
    }

    private HttpResponse<String> get(int onPort, String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create("http://localhost:" + onPort + path)).GET().build());
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
