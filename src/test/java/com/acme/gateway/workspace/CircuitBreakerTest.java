package com.acme.gateway.workspace;

import static com.acme.gateway.workspace.UpstreamCalls.PROBLEMS;
import static com.acme.gateway.workspace.UpstreamCalls.accepted;
import static com.acme.gateway.workspace.UpstreamCalls.error;
import static com.acme.gateway.workspace.UpstreamCalls.submit;
import static com.acme.gateway.workspace.UpstreamCalls.upstreamRequests;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.acme.gateway.MutableClock;
import com.acme.gateway.TestUpstream;
import com.github.tomakehurst.wiremock.http.Fault;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreaker.State;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.actuate.endpoint.CompositeHealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.Status;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/** A sick upstream opens the circuit: callers get 503 at once and nothing is sent until a probe succeeds. */
@GatewayWithTightResilience
class CircuitBreakerTest {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    MutableClock clock;

    @Autowired
    HealthEndpoint health;

    @Autowired
    MeterRegistry meters;

    CircuitBreaker breaker;

    @BeforeEach
    void reset(@Autowired CircuitBreakerRegistry breakers) {
        TestUpstream.server().resetAll();
        clock.advance(Duration.ofHours(1));
        breaker = breakers.circuitBreaker(WorkspaceClient.INSTANCE);
    }

    @Test
    void opensAfterConsecutiveFailuresAndThenSendsNothing() {
        TestUpstream.server().stubFor(post(anyUrl()).willReturn(error(500, "WKS.0000")));
        IntStream.range(0, 4).forEach(i -> assertThat(submit(mvc)).hasStatus(502));
        assertThat(breaker.getState()).isEqualTo(State.OPEN);

        MvcTestResult result = submit(mvc);

        assertThat(result).hasStatus(503).hasHeader("Retry-After", "10").hasHeader("X-Upstream-Attempts", "0");
        assertThat(result).bodyJson().extractingPath("$.type").isEqualTo(PROBLEMS + "circuit-open");
        assertThat(upstreamRequests()).isEqualTo(4);
    }

    @Test
    void connectionFailuresAndTimeoutsOpenItToo() {
        TestUpstream.server().stubFor(post(anyUrl()).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        IntStream.range(0, 2).forEach(i -> submit(mvc));
        TestUpstream.server().stubFor(post(anyUrl()).willReturn(
                aResponse().withFixedDelay(GatewayWithTightResilience.BEYOND_READ_TIMEOUT_MILLIS).withStatus(200)));
        IntStream.range(0, 2).forEach(i -> submit(mvc));

        assertThat(breaker.getState()).isEqualTo(State.OPEN);
    }

    @Test
    void aProbeAfterTheWaitClosesItAgain() {
        TestUpstream.server().stubFor(post(anyUrl()).willReturn(error(502, "APIGW.0201")));
        IntStream.range(0, 4).forEach(i -> submit(mvc));
        TestUpstream.server().stubFor(post(anyUrl()).willReturn(accepted()));
        assertThat(submit(mvc)).hasStatus(503);

        clock.advance(Duration.ofSeconds(11));

        assertThat(submit(mvc)).hasStatus(202).hasHeader("X-Upstream-Attempts", "1");
        assertThat(breaker.getState()).isEqualTo(State.CLOSED);
        assertThat(upstreamRequests()).isEqualTo(5);
    }

    @Test
    void refusalsOfTheRequestNeverOpenIt() {
        TestUpstream.server().stubFor(post(anyUrl()).willReturn(error(400, "WKS.0003")));
        IntStream.range(0, 3).forEach(i -> submit(mvc));
        TestUpstream.server().stubFor(post(anyUrl()).willReturn(error(404, "WKS.0104")));
        IntStream.range(0, 3).forEach(i -> submit(mvc));
        TestUpstream.server().stubFor(post(anyUrl()).willReturn(error(429, "APIGW.0308")));
        IntStream.range(0, 3).forEach(i -> submit(mvc));

        assertThat(breaker.getState()).isEqualTo(State.CLOSED);
        assertThat(breaker.getMetrics().getNumberOfFailedCalls()).isZero();
    }

    @Test
    void showsAnOpenCircuitInHealthWithoutFailingHealthOrReadiness() {
        breaker.transitionToOpenState();

        var overall = (CompositeHealthDescriptor) health.health();
        assertThat(overall.getComponents().get("upstream").getStatus()).isEqualTo(new Status("CIRCUIT_OPEN"));
        assertThat(overall.getStatus()).isEqualTo(Status.UP);
        assertThat(health.healthForPath("readiness").getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void reportsAHalfOpenCircuitAndThenUpAgain() {
        breaker.transitionToOpenState();
        breaker.transitionToHalfOpenState();
        assertThat(health.healthForPath("upstream").getStatus()).isEqualTo(new Status("CIRCUIT_HALF_OPEN"));

        breaker.transitionToClosedState();
        assertThat(health.healthForPath("upstream").getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void exposesCircuitRetryAndBulkheadMeters() {
        breaker.transitionToOpenState();
        submit(mvc);

        assertThat(meters.get("resilience4j.circuitbreaker.state").tags("name", "workspace", "state", "open").gauge().value())
                .isEqualTo(1);
        assertThat(meters.get("resilience4j.circuitbreaker.not.permitted.calls").tag("name", "workspace").counter().count())
                .isPositive();
        assertThat(meters.get("resilience4j.retry.calls").tags("name", "workspace", "kind", "failed_without_retry")
                .functionCounter().count()).isPositive();
        assertThat(meters.get("resilience4j.bulkhead.available.concurrent.calls").tag("name", "workspace").gauge().value())
                .isEqualTo(2);
        assertThat(meters.get("gateway.upstream.short.circuits").tag("reason", "circuit_open").counter().count())
                .isPositive();
    }

    @Test
    void publishesThemForPrometheus(@Autowired PrometheusMeterRegistry prometheus) {
        breaker.transitionToOpenState();
        submit(mvc);

        assertThat(prometheus.scrape()).contains("resilience4j_circuitbreaker_state{name=\"workspace\",state=\"open\"} 1.0",
                "resilience4j_retry_calls_total{kind=\"failed_without_retry\",name=\"workspace\"}",
                "resilience4j_bulkhead_available_concurrent_calls{name=\"workspace\"} 2.0",
                "gateway_upstream_short_circuits_total{reason=\"circuit_open\"}",
                "gateway_upstream_credential_paused 0.0");
    }
}
