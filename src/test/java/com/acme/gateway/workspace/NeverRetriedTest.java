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

import com.acme.gateway.Fixtures;
import com.acme.gateway.MutableClock;
import com.acme.gateway.TestUpstream;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * Once the request may have reached the service, it is never sent again: exactly one upstream
 * request, and an answer that says what the gateway knows.
 */
@GatewayWithTightResilience
class NeverRetriedTest {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    MutableClock clock;

    @BeforeEach
    void reset() {
        TestUpstream.server().resetAll();
        clock.advance(Duration.ofHours(1));
    }

    static Stream<Arguments> outcomeUnknown() {
        return Stream.of(
                Arguments.of("read timeout", aResponse().withStatus(200).withFixedDelay(GatewayWithTightResilience.BEYOND_READ_TIMEOUT_MILLIS), 504, "upstream-timeout"),
                Arguments.of("connection reset after the request", fault(Fault.CONNECTION_RESET_BY_PEER), 504, "upstream-connection-lost"),
                Arguments.of("connection closed without an answer", fault(Fault.EMPTY_RESPONSE), 504, "upstream-connection-lost"),
                Arguments.of("answer broken off mid-body", fault(Fault.MALFORMED_RESPONSE_CHUNK), 504, "upstream-connection-lost"),
                Arguments.of("500", error(500, "WKS.0000"), 502, "outcome-unknown"),
                Arguments.of("502", error(502, "APIGW.0201"), 502, "outcome-unknown"),
                Arguments.of("504", error(504, "APIGW.0201"), 504, "upstream-timeout"));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("outcomeUnknown")
    void sendsOnceAndSaysTheOutcomeIsUnknown(String name, ResponseDefinitionBuilder upstream, int status, String type) {
        TestUpstream.server().stubFor(post(anyUrl()).willReturn(upstream));

        MvcTestResult result = submit(mvc);

        assertThat(upstreamRequests()).isEqualTo(1);
        assertThat(result).hasStatus(status).hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
                .hasHeader("X-Upstream-Attempts", "1").doesNotContainHeader("Retry-After");
        assertThat(result).bodyJson().extractingPath("$.type").isEqualTo(PROBLEMS + type);
        assertThat(result).bodyJson().extractingPath("$.outcome").isEqualTo("UNKNOWN");
        assertThat(result).bodyJson().extractingPath("$.request_id").isEqualTo(result.getResponse().getHeader("X-Request-Id"));
    }

    @Test
    void theRequestAfterAnAnswerThatClosedItsConnectionIsSentOnceOnANewOneAndAnswered() {
        TestUpstream.server().stubFor(post(anyUrl()).willReturn(accepted().withHeader("Connection", "close")));

        assertThat(submit(mvc)).hasStatus(202).hasHeader("X-Upstream-Attempts", "1");
        assertThat(submit(mvc)).hasStatus(202).hasHeader("X-Upstream-Attempts", "1");

        assertThat(upstreamRequests()).isEqualTo(2);
    }

    @Test
    void echoesTheCallersRequestIdSoAnUnknownOutcomeCanBeTraced() {
        TestUpstream.server().stubFor(post(anyUrl()).willReturn(fault(Fault.CONNECTION_RESET_BY_PEER)));

        MvcTestResult result = mvc.post().uri(Fixtures.EXECUTIONS_PATH).header("X-API-Key", "test-key-alpha")
                .header("X-Request-Id", "deploy-42.rollout").contentType(MediaType.APPLICATION_JSON)
                .content(Fixtures.SCRIPT_RUN).exchange();

        assertThat(result).hasStatus(504).hasHeader("X-Request-Id", "deploy-42.rollout");
        assertThat(result).bodyJson().extractingPath("$.request_id").isEqualTo("deploy-42.rollout");
    }

    @Test
    void replacesARequestIdThatIsNotAPlainToken() {
        TestUpstream.server().stubFor(post(anyUrl()).willReturn(error(500, "WKS.0000")));

        MvcTestResult result = mvc.post().uri(Fixtures.EXECUTIONS_PATH).header("X-API-Key", "test-key-alpha")
                .header("X-Request-Id", "<script>").contentType(MediaType.APPLICATION_JSON)
                .content(Fixtures.SCRIPT_RUN).exchange();

        assertThat(result.getResponse().getHeader("X-Request-Id")).matches("[0-9a-f-]{36}");
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of(error(400, "WKS.0003"), 400),
                Arguments.of(error(403, "APIGW.0302"), 502),
                Arguments.of(error(404, "WKS.0104"), 404),
                Arguments.of(error(409, "WKS.0409"), 502));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("refusals")
    void neverRetriesARefusal(ResponseDefinitionBuilder upstream, int status) {
        TestUpstream.server().stubFor(post(anyUrl()).willReturn(upstream));

        assertThat(submit(mvc)).hasStatus(status).hasHeader("X-Upstream-Attempts", "1");
        assertThat(upstreamRequests()).isEqualTo(1);
    }

    private static ResponseDefinitionBuilder fault(Fault fault) {
        return aResponse().withFault(fault);
    }
}
