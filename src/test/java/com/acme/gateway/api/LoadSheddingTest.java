package com.acme.gateway.api;

import static com.acme.gateway.Fixtures.POOL;
import static com.acme.gateway.Fixtures.SCRIPT_RUN;
import static com.acme.gateway.GatewayHttp.assertProblem;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.acme.gateway.Fixtures;
import com.acme.gateway.GatewayHttp;
import com.acme.gateway.GatewayOverHttp;
import com.acme.gateway.Logs;
import com.acme.gateway.TestUpstream;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * Past {@code gateway.limits.max-concurrent-requests} a request is refused at once (503
 * {@code gateway-busy}, {@code Retry-After}), nothing is sent upstream, the requests in progress
 * finish normally and the health probes on the management port still answer.
 */
@GatewayOverHttp
@TestPropertySource(properties = "gateway.limits.max-concurrent-requests=2")
class LoadSheddingTest {

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Autowired
    MeterRegistry meters;

    final ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor();

    @AfterEach
    void stopCallers() {
        callers.shutdownNow();
    }

    @Test
    void aRequestOverTheLimitIsRefusedAtOnceAndNothingElseChanges(CapturedOutput output) throws Exception {
        TestUpstream.server().resetAll();
        Fixtures.executeAnswers(Fixtures.acceptedWithNewTask().withFixedDelay(1500));
        var gateway = new GatewayHttp(port);
        List<Future<HttpResponse<String>>> slow = List.of(callers.submit(() -> gateway.submit(POOL, "", SCRIPT_RUN)),
                callers.submit(() -> gateway.submit(POOL, "", SCRIPT_RUN)));
        await().atMost(Duration.ofSeconds(5)).until(() -> upstreamPosts() == 2);

        long started = System.nanoTime();
        HttpResponse<String> refused = gateway.submit(POOL, "", SCRIPT_RUN);
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

        assertProblem(refused, 503, "gateway-busy");
        assertThat(refused.headers().firstValue("Retry-After")).contains("1");
        assertThat(tookMillis).as("refused without waiting for a place").isLessThan(1000);
        assertThat(readiness()).isEqualTo(200);
        for (Future<HttpResponse<String>> inProgress : slow) {
            assertThat(inProgress.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(202);
        }
        assertThat(gateway.submit(POOL, "", SCRIPT_RUN).statusCode()).as("a place is free again").isEqualTo(202);
        assertThat(upstreamPosts()).isEqualTo(3);
        assertThat(meters.counter("gateway.requests.shed").count()).isEqualTo(1.0);
        assertThat(output.getOut().lines().filter(line -> line.contains("refused with 503 gateway-busy"))).hasSize(1);
        Logs.noErrorNorStackTrace(output);
    }

    private static int upstreamPosts() {
        return TestUpstream.server().findAll(postRequestedFor(anyUrl())).size();
    }

    private int readiness() throws Exception {
        try (var client = HttpClient.newHttpClient()) {
            return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + managementPort
                    + "/actuator/health/readiness")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        }
    }
}
