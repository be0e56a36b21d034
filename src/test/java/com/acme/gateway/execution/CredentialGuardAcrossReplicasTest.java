package com.acme.gateway.execution;

import static com.acme.gateway.Fixtures.ALPHA;
import static com.acme.gateway.Fixtures.EXECUTIONS_PATH;
import static com.acme.gateway.Fixtures.SCRIPT_RUN;
import static com.acme.gateway.execution.Upstream.executeRequests;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;

import com.acme.gateway.Fixtures;
import com.acme.gateway.MutableClock;
import com.acme.gateway.TestUpstream;
import com.acme.gateway.TwoGateways;
import com.acme.gateway.database.PostgresAvailability;
import com.acme.gateway.workspace.UpstreamResilience;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two replicas on one PostgreSQL, many callers at once, and a key the Workspace API refuses: the
 * shared credential guard keeps the upstream's count of consecutive 401s at most 5 (Huawei locks
 * the key after more than 5), then pauses both replicas until one probe proves the key again.
 */
@ExtendWith(PostgresAvailability.class)
class CredentialGuardAcrossReplicasTest {

    static final int CALLERS_PER_REPLICA = 20;
    /** Probes go out one at a time, so reaching the threshold of 3 can take a few bursts. */
    static final int MAX_BURSTS = 10;
    static final String LOCKED = "https://gateway.acme.com/problems/upstream-credentials-locked";
    static final String AUDIT_UNAVAILABLE = "https://gateway.acme.com/problems/audit-unavailable";
    static final String REFUSED = "https://gateway.acme.com/problems/upstream-credentials-refused";
    static final String BUSY = "https://gateway.acme.com/problems/upstream-busy";

    static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-09-01T00:00:00Z"));

    static @Nullable TwoGateways gateways;

    final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startTwoGateways() {
        // a generous read timeout: a slow first call must end in the upstream's 401, not in a timeout
        gateways = TwoGateways.start(List.of(SharedClock.class), List.of("--workspace.timeouts.read=10s"));
    }

    @AfterAll
    static void stopGateways() {
        if (gateways != null) {
            gateways.close();
        }
    }

    /** As a fresh database: the key unproven, no pause, nothing out. */
    @BeforeEach
    void unprovenKey() {
        UpstreamResilience.resetGuard(Objects.requireNonNull(gateways).replica(0).getBean(JdbcClient.class), false);
    }

    @Test
    void refusedKeyReachesTheUpstreamAtMostFiveTimesThenBothPauseUntilAProbeSucceeds() throws Exception {
        TwoGateways replicas = Objects.requireNonNull(gateways);
        Upstream.reset();
        Fixtures.executeAnswers(refusedKey(0));

        List<HttpResponse<String>> answers = new ArrayList<>();
        for (int burst = 0; burst < MAX_BURSTS && !paused(answers); burst++) {
            answers.addAll(burst(replicas));
        }

        int sent = executeRequests();
        System.out.printf("credential guard: %d callers in bursts of %d on 2 replicas; the upstream received %d "
                + "requests, all answered 401, before the pause%n", answers.size(), 2 * CALLERS_PER_REPLICA, sent);
        assertThat(paused(answers)).isTrue();
        assertThat(sent).isBetween(1, 5);
        // on a busy machine some callers may find the database pool exhausted: 503 audit-unavailable, nothing sent
        Map<String, Long> types = types(answers);
        assertThat(types).containsEntry(REFUSED, (long) sent).containsKey(LOCKED);
        assertThat(types.keySet()).isSubsetOf(REFUSED, LOCKED, AUDIT_UNAVAILABLE);
        assertThat(answers).filteredOn(response -> type(response).equals(LOCKED))
                .allSatisfy(response -> assertThat(response.headers().firstValue("Retry-After")).isPresent());
        assertThat(send(replicas.port(0)).statusCode()).isEqualTo(503);
        assertThat(send(replicas.port(1)).headers().firstValue("Retry-After")).hasValue("360");
        assertThat(executeRequests()).as("paused: nothing more was sent").isEqualTo(sent);
        assertThat(gauge(replicas, 0)).isEqualTo(1);
        assertThat(gauge(replicas, 1)).isEqualTo(1);
        assertThat(lockouts(replicas, 0) + lockouts(replicas, 1)).isEqualTo(1);
        assertThat(health(replicas, 0)).isEqualTo("CREDENTIALS_PAUSED");
        assertThat(health(replicas, 1)).isEqualTo("CREDENTIALS_PAUSED");

        Upstream.reset();
        Upstream.accepts();
        CLOCK.advance(Duration.ofMinutes(6));
        List<HttpResponse<String>> resumed = burst(replicas);

        // one probe first: callers arriving while it is out get 503, but it may be back before any arrives
        assertThat(resumed).extracting(HttpResponse::statusCode).contains(202).isSubsetOf(202, 503);
        assertThat(send(replicas.port(0)).statusCode()).as("traffic resumed").isEqualTo(202);
        assertThat(send(replicas.port(1)).statusCode()).isEqualTo(202);
        assertThat(gauge(replicas, 0) + gauge(replicas, 1)).isZero();
        assertThat(health(replicas, 1)).isEqualTo("UP");
    }

    /**
     * The key works and both replicas are busy (20 callers each, every request out for 150 ms) when
     * it goes bad: the requests already out are all answered 401, but at most 4 are ever out across
     * both replicas, and once a 401 is back no other request leaves until they are all back.
     */
    @Test
    void aWorkingKeyGoingBadUnderLoadGetsAtMostFour401sBeforeThePause() throws Exception {
        TwoGateways replicas = Objects.requireNonNull(gateways);
        Upstream.reset();
        Upstream.accepts(150);
        assertThat(send(replicas.port(0)).statusCode()).as("the probe proves the key").isEqualTo(202);

        List<HttpResponse<String>> answers = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean stop = new AtomicBoolean();
        try (ExecutorService callers = Executors.newFixedThreadPool(2 * CALLERS_PER_REPLICA)) {
            for (int i = 0; i < 2 * CALLERS_PER_REPLICA; i++) {
                int port = replicas.port(i % 2);
                callers.submit(() -> {
                    while (!stop.get()) {
                        answers.add(send(port));
                    }
                    return null;
                });
            }
            Thread.sleep(1_500);
            Fixtures.executeAnswers(refusedKey(150));
            long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!paused(List.copyOf(answers)) && System.nanoTime() < until) {
                Thread.sleep(50);
            }
            stop.set(true);
        }

        List<ServeEvent> served = TestUpstream.server().getAllServeEvents().stream()
                .filter(event -> event.getRequest().getUrl().contains("/script-executions")).toList();
        long refused = served.stream().filter(event -> event.getResponse().getStatus() == 401).count();
        long accepted = served.stream().filter(event -> event.getResponse().getStatus() == 200).count();
        int mostAtOnce = mostAtOnce(served);
        System.out.printf("credential guard: %d answers to 40 callers on 2 replicas; the upstream accepted %d requests, "
                + "then answered %d with 401 before the pause; at most %d were out at once%n",
                answers.size(), accepted, refused, mostAtOnce);
        assertThat(paused(answers)).isTrue();
        assertThat(accepted).isGreaterThan(4);
        assertThat(refused).isBetween(1L, 4L);
        assertThat(mostAtOnce).isBetween(2, 4);
        assertThat(types(answers).keySet()).isSubsetOf("none", REFUSED, LOCKED, BUSY, AUDIT_UNAVAILABLE);
        int sent = executeRequests();
        assertThat(send(replicas.port(1)).headers().firstValue("Retry-After")).hasValue("360");
        assertThat(executeRequests()).as("paused: nothing more was sent").isEqualTo(sent);
    }

    /**
     * The most requests the upstream was serving at one moment, from its log: each from its arrival
     * for its serve time (150 ms and more), the last 20 ms left out, since the stub's own clock may
     * stop a little after the gateway has read the whole answer and sent its next request.
     */
    private static int mostAtOnce(List<ServeEvent> served) {
        List<long[]> spans = served.stream().map(event -> {
            long start = event.getRequest().getLoggedDate().getTime();
            return new long[] {start, start + event.getTiming().getTotalTime() - 20};
        }).toList();
        return spans.stream().mapToInt(span -> (int) spans.stream()
                .filter(other -> other[0] <= span[0] && span[0] < other[1]).count()).max().orElse(0);
    }

    private static ResponseDefinitionBuilder refusedKey(int delayMillis) {
        return aResponse().withStatus(401).withHeader("Content-Type", "application/json").withFixedDelay(delayMillis)
                .withBody("{\"error_code\":\"APIGW.0301\",\"error_msg\":\"Incorrect IAM authentication information\"}");
    }

    /** Whether any answer announced the 6-minute pause. */
    private static boolean paused(List<HttpResponse<String>> answers) {
        return answers.stream().anyMatch(answer -> answer.headers().firstValue("Retry-After").orElse("").equals("360"));
    }

    private List<HttpResponse<String>> burst(TwoGateways replicas) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> futures = new ArrayList<>();
        try (ExecutorService executor = Executors.newFixedThreadPool(2 * CALLERS_PER_REPLICA)) {
            for (int i = 0; i < 2 * CALLERS_PER_REPLICA; i++) {
                int port = replicas.port(i % 2);
                futures.add(executor.submit(() -> {
                    start.await();
                    return send(port);
                }));
            }
            start.countDown();
        }
        List<HttpResponse<String>> responses = new ArrayList<>();
        for (Future<HttpResponse<String>> future : futures) {
            responses.add(future.get());
        }
        return responses;
    }

    private HttpResponse<String> send(int port) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + EXECUTIONS_PATH))
                .header("X-API-Key", ALPHA).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(SCRIPT_RUN)).build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException("gateway on port " + port + " did not answer", e);
        }
    }

    private static Map<String, Long> types(List<HttpResponse<String>> responses) {
        return responses.stream().collect(Collectors.groupingBy(CredentialGuardAcrossReplicasTest::type,
                Collectors.counting()));
    }

    private static String type(HttpResponse<String> response) {
        return JsonMapper.shared().readTree(response.body()).path("type").asString("none");
    }

    private static double gauge(TwoGateways replicas, int index) {
        return meters(replicas, index).get("gateway.upstream.credential.paused").gauge().value();
    }

    private static String health(TwoGateways replicas, int index) {
        return replicas.replica(index).getBean("upstream", HealthIndicator.class).health().getStatus().getCode();
    }

    private static double lockouts(TwoGateways replicas, int index) {
        return meters(replicas, index).get("gateway.upstream.credential.lockouts").counter().count();
    }

    private static MeterRegistry meters(TwoGateways replicas, int index) {
        return replicas.replica(index).getBean(MeterRegistry.class);
    }

    /** Both replicas on one clock, so that the test can end the pause. */
    @TestConfiguration(proxyBeanMethods = false)
    static class SharedClock {

        @Bean
        @Primary
        MutableClock sharedClock() {
            return CLOCK;
        }
    }
}
