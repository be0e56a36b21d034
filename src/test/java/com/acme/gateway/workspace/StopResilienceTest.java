package com.acme.gateway.workspace;

import static com.acme.gateway.workspace.UpstreamCalls.TASK_ID;
import static com.acme.gateway.workspace.UpstreamCalls.accepted;
import static com.acme.gateway.workspace.UpstreamCalls.error;
import static com.acme.gateway.workspace.UpstreamCalls.submit;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.acme.gateway.MutableClock;
import com.acme.gateway.TestUpstream;
import io.github.resilience4j.circuitbreaker.CircuitBreaker.State;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/** Stops are not held back by the circuit breaker that sheds executions, but respect the credential pause. */
@GatewayWithTightResilience
class StopResilienceTest {

    private static final String STOP_PATH = "/v2/0bec5db98280d2d02fd6c00c2de791ce/script-executions/stop";

    @Autowired
    MockMvcTester mvc;

    @Autowired
    MutableClock clock;

    @BeforeEach
    void alphaStartedATask() {
        TestUpstream.server().resetAll();
        clock.advance(Duration.ofHours(1));
        TestUpstream.server().stubFor(post(urlPathMatching(".*/desktop-pools/.*/script-executions")).willReturn(accepted()));
        assertThat(submit(mvc)).hasStatus(202);
    }

    @Test
    void stopGetsThroughWhileTheCircuitIsOpen(@Autowired CircuitBreakerRegistry breakers) {
        TestUpstream.server().stubFor(post(urlPathMatching(".*/desktop-pools/.*/script-executions"))
                .willReturn(error(500, "WKS.0000")));
        IntStream.range(0, 4).forEach(i -> submit(mvc));
        assertThat(breakers.circuitBreaker(WorkspaceClient.INSTANCE).getState()).isEqualTo(State.OPEN);
        TestUpstream.server().stubFor(post(urlPathEqualTo(STOP_PATH)).willReturn(aResponse().withStatus(200)));

        assertThat(stop()).hasStatus(202);
        assertThat(TestUpstream.server().findAll(postRequestedFor(urlPathEqualTo(STOP_PATH)))).hasSize(1);
    }

    @Test
    void stopIsNotSentWhileTheCredentialsArePaused() {
        TestUpstream.server().stubFor(post(urlPathEqualTo(STOP_PATH)).willReturn(error(401, "APIGW.0301")));
        IntStream.range(0, 3).forEach(i -> assertThat(stop()).hasStatus(502));

        MvcTestResult paused = stop();

        assertThat(paused).hasStatus(503).hasHeader("X-Upstream-Attempts", "0");
        assertThat(paused).bodyJson().extractingPath("$.type")
                .isEqualTo(UpstreamCalls.PROBLEMS + "upstream-credentials-locked");
        assertThat(TestUpstream.server().findAll(postRequestedFor(urlPathEqualTo(STOP_PATH)))).hasSize(3);
    }

    private MvcTestResult stop() {
        return mvc.post().uri("/api/v1/executions/" + TASK_ID + "/stop").header("X-API-Key", "test-key-alpha").exchange();
    }
}
