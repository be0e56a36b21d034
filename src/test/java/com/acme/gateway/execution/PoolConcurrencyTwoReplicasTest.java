package com.acme.gateway.execution;

import static com.acme.gateway.Fixtures.EXECUTIONS_PATH;
import static com.acme.gateway.Fixtures.SCRIPT_RUN;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.acme.gateway.Fixtures;
import com.acme.gateway.GatewayApplication;
import com.acme.gateway.TestUpstream;
import com.acme.gateway.database.PostgresAvailability;
import com.acme.gateway.database.PostgresTestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code pool-concurrency: 1} across two gateways sharing one PostgreSQL: two teams racing for one
 * pool get exactly one 202; the pool is free again once its task is seen finished, and a task whose
 * status cannot be read stops blocking after {@code gateway.pool-rollouts.unreadable-after}.
 */
@ExtendWith(PostgresAvailability.class)
class PoolConcurrencyTwoReplicasTest {

    static final int REQUESTS_PER_TEAM = 6;
    static final JsonMapper JSON = JsonMapper.shared();

    static @Nullable ConfigurableApplicationContext first;
    static @Nullable ConfigurableApplicationContext second;

    final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startTwoGatewaysOnOneDatabase() {
        first = new SpringApplicationBuilder(GatewayApplication.class, PostgresTestDatabase.class)
                .profiles("test").run(arguments(List.of()));
        JdbcConnectionDetails database = first.getBean(JdbcConnectionDetails.class);
        List<String> joinDatabase = new ArrayList<>(List.of("--spring.datasource.url=" + database.getJdbcUrl()));
        if (database.getUsername() != null) {
            joinDatabase.add("--spring.datasource.username=" + database.getUsername());
        }
        if (database.getPassword() != null) {
            joinDatabase.add("--spring.datasource.password=" + database.getPassword());
        }
        second = new SpringApplicationBuilder(GatewayApplication.class).profiles("test").run(arguments(joinDatabase));
    }

    @AfterAll
    static void stopGateways() {
        if (second != null) {
            second.close();
        }
        if (first != null) {
            first.close();
        }
    }

    @Test
    void twoTeamsRacingForOnePoolOnTwoReplicasGetExactlyOneRollout() throws Exception {
        Upstream.reset();
        Upstream.accepts(300);
        tasksAre("RUNNING");
        CountDownLatch start = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> futures = new ArrayList<>();
        try (ExecutorService executor = Executors.newFixedThreadPool(2 * REQUESTS_PER_TEAM)) {
            for (int i = 0; i < 2 * REQUESTS_PER_TEAM; i++) {
                boolean alpha = i % 2 == 0;
                futures.add(executor.submit(() -> {
                    start.await();
                    return alpha ? send(port(first), Fixtures.ALPHA) : send(port(second), Fixtures.BETA);
                }));
            }
            start.countDown();
        }
        List<HttpResponse<String>> responses = new ArrayList<>();
        for (Future<HttpResponse<String>> future : futures) {
            responses.add(future.get());
        }

        assertThat(responses).extracting(HttpResponse::statusCode).containsOnly(202, 409)
                .filteredOn(status -> status == 202).hasSize(1);
        assertThat(Upstream.executeRequests()).isEqualTo(1);
        String running = JSON.readTree(responses.stream().filter(r -> r.statusCode() == 202).findFirst().orElseThrow()
                .body()).get("task_id").asString();
        JsonNode busy = JSON.readTree(send(port(second), Fixtures.BETA).body());
        assertThat(busy.get("type").asString()).isEqualTo("https://gateway.acme.com/problems/pool-busy");
        assertThat(busy.get("status").asInt()).isEqualTo(409);
        assertThat(busy.get("running_task").get("task_id").asString()).isEqualTo(running);
        assertThat(busy.get("running_task").get("started_at").asString()).isNotBlank();

        assertThat(send(port(first), Fixtures.ALPHA, "?dry_run=true", null).statusCode()).isEqualTo(200);

        tasksAre("FINISH");
        String key = java.util.UUID.randomUUID().toString();
        HttpResponse<String> next = send(port(second), Fixtures.BETA, "", key);
        assertThat(next.statusCode()).isEqualTo(202);
        tasksAre("RUNNING");
        assertThat(send(port(first), Fixtures.ALPHA).statusCode()).isEqualTo(409);
        HttpResponse<String> replay = send(port(first), Fixtures.BETA, "", key);
        assertThat(replay.statusCode()).isEqualTo(202);
        assertThat(replay.body()).isEqualTo(next.body());
        assertThat(Upstream.executeRequests()).isEqualTo(2);

        Upstream.reset();
        Upstream.accepts();
        TestUpstream.server().stubFor(get(urlPathMatching(".*/script-execution-tasks/detail"))
                .willReturn(aResponse().withStatus(500)));
        assertThat(send(port(first), Fixtures.ALPHA).statusCode()).isEqualTo(409);
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(send(port(first), Fixtures.ALPHA).statusCode()).isEqualTo(202));
        assertThat(Upstream.executeRequests()).isEqualTo(1);
    }

    private static void tasksAre(String status) {
        TestUpstream.server().stubFor(get(urlPathMatching(".*/script-execution-tasks/detail"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"total_count\":1,\"script_execution_tasks\":[{\"id\":\"{{request.query.task_id}}\","
                                + "\"desktop_pool_id\":\"" + Fixtures.POOL + "\",\"status\":\"" + status + "\"}]}")
                        .withTransformers("response-template")));
    }

    private HttpResponse<String> send(int port, String key) {
        return send(port, key, "", null);
    }

    private HttpResponse<String> send(int port, String key, String query, @Nullable String idempotencyKey) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + EXECUTIONS_PATH + query))
                .header("X-API-Key", key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(SCRIPT_RUN));
        if (idempotencyKey != null) {
            builder.header("Idempotency-Key", idempotencyKey);
        }
        HttpRequest request = builder.build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException("gateway on port " + port + " did not answer", e);
        }
    }

    private static int port(@Nullable ConfigurableApplicationContext context) {
        return Objects.requireNonNull(Objects.requireNonNull(context).getEnvironment()
                .getProperty("local.server.port", Integer.class));
    }

    private static String[] arguments(List<String> more) {
        List<String> all = new ArrayList<>(List.of("--server.port=0", "--management.server.port=0",
                "--workspace.endpoint=" + TestUpstream.server().baseUrl(),
                "--workspace.timeouts.read=10s",
                "--gateway.policy.location=src/test/resources/controls/pool-policy.yaml",
                "--gateway.pool-rollouts.status-cache=0s",
                "--gateway.pool-rollouts.unreadable-after=3s"));
        all.addAll(more);
        return all.toArray(String[]::new);
    }
}
