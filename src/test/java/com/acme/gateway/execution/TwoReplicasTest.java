package com.acme.gateway.execution;

import static com.acme.gateway.execution.Upstream.ALPHA;
import static com.acme.gateway.execution.Upstream.PATH;
import static com.acme.gateway.execution.Upstream.SCRIPT_BODY;
import static org.assertj.core.api.Assertions.assertThat;

import com.acme.gateway.TwoGateways;
import com.acme.gateway.database.PostgresAvailability;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two gateways on their own ports sharing one PostgreSQL, as two replicas behind a load balancer:
 * the idempotency claim holds across them.
 */
@ExtendWith(PostgresAvailability.class)
class TwoReplicasTest {

    static final int REQUESTS = 20;

    static @Nullable TwoGateways gateways;

    final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startTwoGatewaysOnOneDatabase() {
        gateways = TwoGateways.start(List.of(), List.of());
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

    private HttpResponse<String> send(int port, String key) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + PATH))
                .header("X-API-Key", ALPHA).header("Idempotency-Key", key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(SCRIPT_BODY)).build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException("gateway on port " + port + " did not answer", e);
        }
    }
}
