package com.acme.gateway.execution;

import static com.acme.gateway.Fixtures.ALPHA;
import static com.acme.gateway.Fixtures.EXECUTIONS_PATH;
import static com.acme.gateway.Fixtures.SCRIPT_RUN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.acme.gateway.TwoGateways;
import com.acme.gateway.database.PostgresAvailability;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two gateways on their own ports sharing one PostgreSQL, as two replicas behind a load balancer:
 * the idempotency claim, the team rate limit and the purge schedule hold across them.
 */
@ExtendWith(PostgresAvailability.class)
class TwoReplicasTest {

    static final int REQUESTS = 20;
    static final String METERED = "test-key-metered";
    static final Duration PURGE_INTERVAL = Duration.ofSeconds(1);

    static @Nullable TwoGateways gateways;

    final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startTwoGatewaysOnOneDatabase() {
        gateways = TwoGateways.start(List.of(), List.of(
                "--gateway.policy.location=src/test/resources/replicas-policy.yaml",
                "--gateway.audit.purge-interval=" + PURGE_INTERVAL.toMillis() + "ms",
                "--gateway.idempotency.purge-interval=" + PURGE_INTERVAL.toMillis() + "ms"));
    }

    @AfterAll
    static void stopGateways() {
        if (gateways != null) {
            gateways.close();
        }
    }

    @Test
    void sameKeyAtBothGatewaysAtOnceStartsOneExecution() throws Exception {
        List<Integer> ports = List.of(Objects.requireNonNull(gateways).port(0), gateways.port(1));
        Upstream.reset();
        Upstream.accepts();
        ports.forEach(port -> send(port, UUID.randomUUID().toString())); // first calls are slow: not under the read timeout
        Upstream.reset();
        Upstream.accepts(500);
        String key = UUID.randomUUID().toString();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> futures = new ArrayList<>();
        try (ExecutorService executor = Executors.newFixedThreadPool(REQUESTS)) {
            for (int i = 0; i < REQUESTS; i++) {
                int port = ports.get(i % 2);
                futures.add(executor.submit(() -> {
                    start.await();
                    return send(port, key);
                }));
            }
            start.countDown();
        }
        List<HttpResponse<String>> responses = new ArrayList<>();
        for (Future<HttpResponse<String>> future : futures) {
            responses.add(future.get());
        }

        assertThat(Upstream.executeRequests()).isEqualTo(1);
        assertThat(responses).extracting(HttpResponse::statusCode).containsOnly(202, 409).contains(409);
        assertThat(responses).filteredOn(response -> response.statusCode() == 202).extracting(HttpResponse::body)
                .hasSizeGreaterThanOrEqualTo(1).containsOnly(responses.stream()
                        .filter(response -> response.statusCode() == 202).findFirst().orElseThrow().body());
    }

    @Test
    void teamRateLimitHoldsAcrossBothGateways() {
        List<Integer> ports = List.of(Objects.requireNonNull(gateways).port(0), gateways.port(1));
        Upstream.reset();
        Upstream.accepts();
        ports.forEach(port -> send(port, UUID.randomUUID().toString())); // warm both up under another team
        Upstream.reset();
        Upstream.accepts();

        List<HttpResponse<String>> responses = IntStream.range(0, 40)
                .mapToObj(i -> send(ports.get(i % 2), METERED, UUID.randomUUID().toString())).toList();

        List<HttpResponse<String>> accepted = responses.stream().filter(response -> response.statusCode() == 202).toList();
        System.out.printf("metered team, limit 10/min, 40 requests over two gateways: %d accepted%n", accepted.size());
        assertThat(accepted).as("10 per minute, plus at most one refilled while the test ran").hasSizeBetween(10, 11);
        assertThat(responses).filteredOn(response -> response.statusCode() != 202).hasSize(40 - accepted.size())
                .allSatisfy(response -> {
                    assertThat(response.statusCode()).isEqualTo(429);
                    assertThat(response.headers().firstValueAsLong("Retry-After").orElse(0)).isPositive();
                });
        assertThat(Upstream.executeRequests()).isEqualTo(accepted.size());
    }

    @Test
    void auditPurgeRunsOnOneGatewayPerIntervalAndDeletesRowsPastTheRetention() {
        JdbcClient jdbc = Objects.requireNonNull(gateways).replica(0).getBean(JdbcClient.class);
        UUID old = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO audit_events (id, request_id, created_at, script_ids, dry_run, reasons, outcome, attempts)
                VALUES (?, 'purge-me', TIMESTAMP WITH TIME ZONE '2000-01-01 00:00:00+00', '[]', false, '[]', 'denied', 0)""")
                .param(old).update();
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("SELECT COUNT(*) FROM audit_events WHERE id = ?")
                .param(old).query(Long.class).single() == 0);

        double before = purgeRuns();
        long started = System.nanoTime();
        await().atMost(Duration.ofSeconds(60)).until(() -> purgeRuns() >= before + 5);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        System.out.printf("5 audit purge runs across two gateways took %d ms (interval %d ms)%n", took.toMillis(),
                PURGE_INTERVAL.toMillis());
        assertThat(took).as("runs are at least one interval apart across both gateways")
                .isGreaterThan(PURGE_INTERVAL.multipliedBy(4).minusMillis(200));
        assertThat(jdbc.sql("SELECT name FROM shedlock").query(String.class).list())
                .contains("audit-purge", "idempotency-key-purge");
    }

    private static double purgeRuns() {
        return Stream.of(0, 1).map(Objects.requireNonNull(gateways)::replica)
                .mapToDouble(context -> context.getBean(MeterRegistry.class).counter("gateway.audit.purges").count()).sum();
    }

    private HttpResponse<String> send(int port, String key) {
        return send(port, ALPHA, key);
    }

    private HttpResponse<String> send(int port, String apiKey, String key) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + EXECUTIONS_PATH))
                .header("X-API-Key", apiKey).header("Idempotency-Key", key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(SCRIPT_RUN)).build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException("gateway on port " + port + " did not answer", e);
        }
    }
}
