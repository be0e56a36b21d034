package com.acme.gateway.api;

import static com.acme.gateway.Fixtures.POOL;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.acme.gateway.MutableClock;
import com.acme.gateway.TestUpstream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A freeze and change windows, edited into the policy file of a running gateway (real HTTP, WireMock
 * Workspace API, a clock the test moves): they apply within 5 s, a freeze lifts at its end time,
 * and stops are never held back.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {"management.server.port=0", "workspace.timeouts.read=10s"})
@ActiveProfiles("test")
@ContextConfiguration(initializers = TestUpstream.class)
@Import(FreezeAndWindowsTest.TestClock.class)
class FreezeAndWindowsTest {

    private static final String BODY = "{\"script_ids\":[\"0006e69f-5970-4af5-a652-e111055e630b\"],"
            + "\"desktop_ids\":[\"00298bb0-104a-4467-9b15-876c6fb7a99f\"]}";
    private static final Path ORIGINAL = Path.of("src/test/resources/controls/policy.yaml");
    /** A Monday, 12:00 in Berlin (summer time). */
    private static final Instant MONDAY_NOON = Instant.parse("2026-06-01T10:00:00Z");
    /** Each test starts a week later: the rate limiter's clock must never run backwards. */
    private static int weeks;
    private static final JsonMapper JSON = JsonMapper.shared();

    static Path policy;

    private final HttpClient http = HttpClient.newHttpClient();

    @Autowired
    MutableClock clock;

    private Instant monday;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void policyCopy(DynamicPropertyRegistry registry) throws IOException {
        policy = Files.createTempFile("controls-policy", ".yaml");
        policy.toFile().deleteOnExit();
        Files.copy(ORIGINAL, policy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        registry.add("gateway.policy.location", policy::toString);
        registry.add("gateway.policy.reload-interval", () -> "200ms");
    }

    @BeforeEach
    void unrestrictedPolicyAndAcceptingUpstream() throws Exception {
        monday = MONDAY_NOON.plus(Duration.ofDays(7L * weeks++));
        clock.set(monday);
        TestUpstream.server().resetAll();
        TestUpstream.server().stubFor(post(urlPathMatching(".*/desktop-pools/.*/script-executions"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"task_id\":\"{{randomValue type='UUID'}}\"}").withTransformers("response-template")));
        TestUpstream.server().stubFor(post(urlPathMatching(".*/script-executions/stop")).willReturn(aResponse().withStatus(200)));
        Files.copy(ORIGINAL, policy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(dryRun().path("decision").asString())
                .isEqualTo("allowed"));
    }

    @Test
    void freezeDeniesWithinFiveSecondsAllowsStopsAndLiftsAtItsEnd() throws Exception {
        HttpResponse<String> started = submit();
        assertThat(started.statusCode()).isEqualTo(202);
        String task = JSON.readTree(started.body()).get("task_id").asString();

        edit("teams:", "freeze:\n  pools: [\"" + POOL + "\"]\n  reason: \"INC-4711: payments outage\"\n"
                + "  until: \"" + monday.plus(Duration.ofHours(2)).atOffset(java.time.ZoneOffset.ofHours(2)) + "\"\nteams:");

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(submit().statusCode()).isEqualTo(403));
        HttpResponse<String> frozen = submit();
        JsonNode problem = JSON.readTree(frozen.body());
        assertThat(problem.get("type").asString()).isEqualTo("https://gateway.acme.com/problems/policy-denied");
        assertThat(problem.get("reasons")).isEqualTo(JSON.readTree("[{\"rule\":\"freeze\",\"detail\":\"changes are frozen "
                + "for pool " + POOL + " until " + monday.plus(Duration.ofHours(2)) + ": INC-4711: payments outage\"}]"));
        assertThat(dryRun().get("decision").asString()).isEqualTo("denied");
        assertThat(dryRun().get("reasons").get(0).get("rule").asString()).isEqualTo("freeze");
        JsonNode me = JSON.readTree(get("/api/v1/me").body()).get("freeze");
        assertThat(me.get("pools").toString()).isEqualTo("[\"" + POOL + "\"]");
        assertThat(me.get("reason").asString()).isEqualTo("INC-4711: payments outage");
        assertThat(Instant.parse(me.get("until").asString())).isEqualTo(monday.plus(Duration.ofHours(2)));
        int executes = executeRequests();

        assertThat(send("/api/v1/executions/" + task + "/stop", "").statusCode()).isEqualTo(202);
        clock.set(monday.plus(Duration.ofHours(2)).minusSeconds(1));
        assertThat(submit().statusCode()).isEqualTo(403);
        assertThat(executeRequests()).isEqualTo(executes);

        clock.set(monday.plus(Duration.ofHours(2)));
        assertThat(submit().statusCode()).isEqualTo(202);
        assertThat(JSON.readTree(get("/api/v1/me").body()).get("freeze").isNull()).isTrue();
    }

    @Test
    void windowsDenyOutsideWithTheNextOpeningAndAllowInside() throws Exception {
        edit("    require-idempotency-key: false\n  beta:",
                "    require-idempotency-key: false\n    windows: [\"Mon-Fri 22:00-06:00 Europe/Berlin\"]\n  beta:");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(submit().statusCode()).isEqualTo(403));

        clock.set(monday.plus(Duration.ofHours(10)).minusSeconds(60));
        HttpResponse<String> closed = submit();
        assertThat(closed.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(closed.body()).get("reasons")).isEqualTo(JSON.readTree("[{\"rule\":\"window\",\"detail\":"
                + "\"outside every change window for pool " + POOL + " (Mon-Fri 22:00-06:00 Europe/Berlin); the next "
                + "window opens at " + monday.plus(Duration.ofHours(10)).atOffset(java.time.ZoneOffset.ofHours(2))
                        .format(java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME) + "\"}]"));
        assertThat(JSON.readTree(get("/api/v1/me").body()).get("change_windows").toString())
                .isEqualTo("{\"*\":[\"Mon-Fri 22:00-06:00 Europe/Berlin\"]}");

        clock.set(monday.plus(Duration.ofHours(10)));
        HttpResponse<String> open = submit();
        assertThat(open.statusCode()).isEqualTo(202);
        assertThat(dryRun().get("reasons").values()).contains(JSON.readTree(
                "{\"rule\":\"window\",\"detail\":\"inside the change window Mon-Fri 22:00-06:00 Europe/Berlin\"}"));

        clock.set(monday.plus(Duration.ofHours(18)));
        assertThat(submit().statusCode()).isEqualTo(403);
        String task = JSON.readTree(open.body()).get("task_id").asString();
        assertThat(send("/api/v1/executions/" + task + "/stop", "").statusCode()).isEqualTo(202);
    }

    private void edit(String find, String replacement) throws IOException {
        String original = Files.readString(ORIGINAL);
        assertThat(original).contains(find);
        Files.writeString(policy, original.replaceFirst(java.util.regex.Pattern.quote(find),
                java.util.regex.Matcher.quoteReplacement(replacement)));
    }

    private JsonNode dryRun() throws IOException, InterruptedException {
        return JSON.readTree(send("/api/v1/pools/" + POOL + "/script-executions?dry_run=true", BODY).body());
    }

    private HttpResponse<String> submit() throws IOException, InterruptedException {
        return send("/api/v1/pools/" + POOL + "/script-executions", BODY);
    }

    private int executeRequests() {
        return TestUpstream.server().findAll(postRequestedFor(urlPathEqualTo("/v2/0bec5db98280d2d02fd6c00c2de791ce"
                + "/desktop-pools/" + POOL + "/script-executions"))).size();
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("X-API-Key", "test-key-alpha").build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(String path, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("X-API-Key", "test-key-alpha").header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class TestClock {

        @Bean
        @Primary
        MutableClock mutableClock() {
            return new MutableClock(MONDAY_NOON);
        }
    }
}
