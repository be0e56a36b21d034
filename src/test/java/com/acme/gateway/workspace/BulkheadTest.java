package com.acme.gateway.workspace;

import static com.acme.gateway.workspace.UpstreamCalls.PROBLEMS;
import static com.acme.gateway.workspace.UpstreamCalls.accepted;
import static com.acme.gateway.workspace.UpstreamCalls.submit;
import static com.acme.gateway.workspace.UpstreamCalls.upstreamRequests;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.acme.gateway.MutableClock;
import com.acme.gateway.TestUpstream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/** Above the concurrency limit, callers get 503 at once instead of piling up behind a slow upstream. */
@GatewayWithTightResilience
class BulkheadTest {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    MutableClock clock;

    final ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor();

    @BeforeEach
    void reset() {
        TestUpstream.server().resetAll();
        clock.advance(Duration.ofHours(1));
    }

    @AfterEach
    void stopCallers() {
        callers.shutdownNow();
    }

    @Test
    void rejectsABurstAboveTheLimitAtOnceWhileTheLimitIsBusy() throws Exception {
        TestUpstream.server().stubFor(post(anyUrl()).willReturn(accepted().withFixedDelay(
                GatewayWithTightResilience.BEYOND_READ_TIMEOUT_MILLIS)));
        List<Future<MvcTestResult>> slow = IntStream.range(0, 2).mapToObj(i -> callers.submit(() -> submit(mvc))).toList();
        await().atMost(Duration.ofSeconds(5)).until(() -> upstreamRequests() == 2);

        List<Future<MvcTestResult>> burst = IntStream.range(0, 4).mapToObj(i -> callers.submit(() -> submit(mvc))).toList();

        for (Future<MvcTestResult> rejected : burst) {
            MvcTestResult result = rejected.get(1, TimeUnit.SECONDS);
            assertThat(result).hasStatus(503).hasHeader("Retry-After", "1").hasHeader("X-Upstream-Attempts", "0");
            assertThat(result).bodyJson().extractingPath("$.type").isEqualTo(PROBLEMS + "upstream-busy");
        }
        for (Future<MvcTestResult> timedOut : slow) {
            assertThat(timedOut.get(5, TimeUnit.SECONDS)).hasStatus(504);
        }
        assertThat(upstreamRequests()).isEqualTo(2);
    }
}
