package com.acme.gateway.workspace;

import static com.acme.gateway.workspace.UpstreamCalls.PROBLEMS;
import static com.acme.gateway.workspace.UpstreamCalls.accepted;
import static com.acme.gateway.workspace.UpstreamCalls.error;
import static com.acme.gateway.workspace.UpstreamCalls.submit;
import static com.acme.gateway.workspace.UpstreamCalls.upstreamRequests;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import com.acme.gateway.MutableClock;
import com.acme.gateway.TestUpstream;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/** Answers that prove the request was not processed are retried, after Retry-After or the backoff. */
@GatewayWithTightResilience
class SafeRetryTest {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    MutableClock clock;

    @Autowired
    MeterRegistry meters;

    final List<Duration> waits = new CopyOnWriteArrayList<>();

    @BeforeEach
    void reset(@Autowired RetryRegistry retries) {
        TestUpstream.server().resetAll();
        clock.advance(Duration.ofHours(1));
        retries.retry(WorkspaceClient.INSTANCE).getEventPublisher().onRetry(event -> waits.add(event.getWaitInterval()));
    }

    @Test
    void retries429AfterTheAdvertisedRetryAfterThenSucceeds() {
        failThenRecover(1, error(429, "APIGW.0308").withHeader("Retry-After", "1"));
        double before = retryCalls("successful_with_retry");

        MvcTestResult result = submit(mvc);

        assertThat(result).hasStatus(202).hasHeader("X-Upstream-Attempts", "2");
        assertThat(upstreamRequests()).isEqualTo(2);
        assertThat(waits).containsExactly(Duration.ofSeconds(1));
        assertThat(retryCalls("successful_with_retry")).isEqualTo(before + 1);
    }

    @Test
    void retriesHuaweiThrottlingWithoutRetryAfterWithJitteredBackoffThenSucceeds() {
        failThenRecover(2, error(429, "APIGW.0308"));

        MvcTestResult result = submit(mvc);

        assertThat(result).hasStatus(202).hasHeader("X-Upstream-Attempts", "3");
        assertThat(result).bodyJson().extractingPath("$.task_id").isEqualTo(UpstreamCalls.TASK_ID);
        assertThat(upstreamRequests()).isEqualTo(3);
        assertThat(waits).hasSize(2);
        assertThat(waits.get(0)).isBetween(Duration.ZERO, Duration.ofMillis(10));
        assertThat(waits.get(1)).isBetween(Duration.ZERO, Duration.ofMillis(20));
    }

    @Test
    void retriesIamUnavailableWhichHuaweiDocumentsAsNotProcessed() {
        failThenRecover(1, error(503, "APIGW.0613"));

        assertThat(submit(mvc)).hasStatus(202).hasHeader("X-Upstream-Attempts", "2");
        assertThat(upstreamRequests()).isEqualTo(2);
    }

    @Test
    void givesUpAfterTheAttemptLimitWith503AndRetryAfter() {
        TestUpstream.server().stubFor(post(anyUrl()).willReturn(error(429, "APIGW.0308")));
        double before = retryCalls("failed_with_retry");
        long callsBefore = meters.get("gateway.upstream.attempts").summary().count();
        double attemptsBefore = meters.get("gateway.upstream.attempts").summary().totalAmount();

        MvcTestResult result = submit(mvc);

        assertThat(retryCalls("failed_with_retry")).isEqualTo(before + 1);
        assertThat(meters.get("gateway.upstream.attempts").summary().count()).isEqualTo(callsBefore + 1);
        assertThat(meters.get("gateway.upstream.attempts").summary().totalAmount()).isEqualTo(attemptsBefore + 3);

        assertThat(result).hasStatus(503).hasHeader("X-Upstream-Attempts", "3").containsHeader("Retry-After");
        assertThat(result).bodyJson().extractingPath("$.type").isEqualTo(PROBLEMS + "upstream-unavailable");
        assertThat(upstreamRequests()).isEqualTo(3);
    }

    @Test
    void anUnknown503IsNotRetried() {
        TestUpstream.server().stubFor(post(anyUrl()).willReturn(error(503, "WKS.9999")));

        assertThat(submit(mvc)).hasStatus(502).hasHeader("X-Upstream-Attempts", "1");
        assertThat(upstreamRequests()).isEqualTo(1);
    }

    @Test
    void theRetryBudgetKeepsAFullyFailingUpstreamFromBeingHammered() {
        TestUpstream.server().stubFor(post(anyUrl()).willReturn(error(429, "APIGW.0308")));
        int callers = 30;

        IntStream.range(0, callers).forEach(i -> assertThat(submit(mvc)).hasStatus(503));

        assertThat(upstreamRequests()).isLessThanOrEqualTo((int) ((1 + 0.2) * callers))
                .as("without a budget every caller would have made 3 attempts").isLessThan(3 * callers);
    }

    private double retryCalls(String kind) {
        return meters.get("resilience4j.retry.calls").tags("name", WorkspaceClient.INSTANCE, "kind", kind)
                .functionCounter().count();
    }

    private static void failThenRecover(int failures, ResponseDefinitionBuilder failure) {
        for (int i = 0; i < failures; i++) {
            TestUpstream.server().stubFor(post(anyUrl()).inScenario("recovers")
                    .whenScenarioStateIs(i == 0 ? STARTED : "failed " + i).willReturn(failure)
                    .willSetStateTo("failed " + (i + 1)));
        }
        TestUpstream.server().stubFor(post(anyUrl()).inScenario("recovers").whenScenarioStateIs("failed " + failures)
                .willReturn(accepted()));
    }
}
