package com.acme.gateway.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.acme.gateway.Fixtures;
import com.acme.gateway.GatewayHttp;
import com.acme.gateway.Logs;
import com.acme.gateway.MutableClock;
import com.acme.gateway.TestUpstream;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Polling a task's status does not hammer the upstream: reads are cached briefly and go through the breaker. */
@GatewayOverHttpOnMutableClock
class TaskStatusCacheTest {

    @LocalServerPort
    int port;

    @Autowired
    MutableClock clock;

    @Autowired
    CircuitBreakerRegistry breakers;

    GatewayHttp http;

    @BeforeEach
    void setUp() {
        http = new GatewayHttp(port);
        TestUpstream.server().resetAll();
        breakers.circuitBreaker("workspace").reset();
    }

    @AfterEach
    void closeCircuit() {
        breakers.circuitBreaker("workspace").reset();
    }

    @Test
    void aHundredPollsOfARunningTaskInFiveSecondsMakeAtMostTwoUpstreamReads(CapturedOutput output) {
        String taskId = submitted("RUNNING");

        for (int poll = 0; poll < 100; poll++) {
            HttpResponse<String> response = http.get("/api/v1/executions/" + taskId);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(GatewayHttp.json(response).get("task").get("status").asString()).isEqualTo("RUNNING");
            clock.advance(Duration.ofMillis(50));
        }

        TestUpstream.server().verify(2, getRequestedFor(urlPathMatching(".*/script-execution-tasks/detail")));
        Logs.noErrorNorStackTrace(output);
    }

    @Test
    void concurrentPollsOfOneTaskShareOneUpstreamRead() throws Exception {
        String taskId = submitted("RUNNING");
        TestUpstream.server().stubFor(get(urlPathMatching(".*/script-execution-tasks/detail")).willReturn(
                UpstreamRealismTest.okJson(UpstreamRealismTest.tasks(taskId, "RUNNING", "2026-06-01T10:00:01Z"))
                        .withFixedDelay(500)));
        List<Future<HttpResponse<String>>> polls = new ArrayList<>();
        try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 20; i++) {
                polls.add(callers.submit(() -> http.get("/api/v1/executions/" + taskId)));
            }
        }

        for (Future<HttpResponse<String>> poll : polls) {
            assertThat(GatewayHttp.json(poll.get()).get("task").get("id").asString()).isEqualTo(taskId);
        }
        TestUpstream.server().verify(1, getRequestedFor(urlPathMatching(".*/script-execution-tasks/detail")));
    }

    @Test
    void aFinishedTaskIsReadOncePerMinute() {
        String taskId = submitted("FINISH");

        for (int poll = 0; poll < 59; poll++) {
            assertThat(http.get("/api/v1/executions/" + taskId).statusCode()).isEqualTo(200);
            clock.advance(Duration.ofSeconds(1));
        }
        TestUpstream.server().verify(1, getRequestedFor(urlPathMatching(".*/script-execution-tasks/detail")));

        clock.advance(Duration.ofSeconds(1));
        assertThat(http.get("/api/v1/executions/" + taskId).statusCode()).isEqualTo(200);
        TestUpstream.server().verify(2, getRequestedFor(urlPathMatching(".*/script-execution-tasks/detail")));
    }

    @Test
    void aFailedReadIsNotCachedAndAnOpenCircuitStopsReads() {
        String taskId = submitted("RUNNING");
        TestUpstream.server().resetRequests();
        TestUpstream.server().stubFor(get(urlPathMatching(".*/script-execution-tasks/detail"))
                .willReturn(aResponse().withStatus(500)));
        // the new stub answers only tasks not yet cached: let the cached answer expire
        clock.advance(Duration.ofSeconds(4));

        JsonNode first = GatewayHttp.json(http.get("/api/v1/executions/" + taskId));
        JsonNode second = GatewayHttp.json(http.get("/api/v1/executions/" + taskId));
        assertThat(first.get("task").isNull()).isTrue();
        assertThat(second.get("task_error").asString()).contains("HTTP 500");
        TestUpstream.server().verify(2, getRequestedFor(urlPathMatching(".*/script-execution-tasks/detail")));

        breakers.circuitBreaker("workspace").transitionToOpenState();
        JsonNode open = GatewayHttp.json(http.get("/api/v1/executions/" + taskId));
        assertThat(open.get("task").isNull()).isTrue();
        assertThat(open.get("task_error").asString()).contains("could not be reached");
        TestUpstream.server().verify(2, getRequestedFor(urlPathMatching(".*/script-execution-tasks/detail")));
    }

    /** A real submission of team alpha whose task the upstream then lists with this status. */
    private String submitted(String status) {
        String taskId = UUID.randomUUID().toString();
        TestUpstream.server().stubFor(post(urlPathMatching(".*/script-executions")).willReturn(
                UpstreamRealismTest.okJson("{\"task_id\":\"" + taskId + "\"}")));
        TestUpstream.server().stubFor(get(urlPathMatching(".*/script-execution-tasks/detail")).willReturn(
                UpstreamRealismTest.okJson(UpstreamRealismTest.tasks(taskId, status, "2026-06-01T10:00:01Z"))));
        assertThat(http.submit(Fixtures.POOL, "", Fixtures.SCRIPT_RUN).statusCode()).isEqualTo(202);
        return taskId;
    }
}
