package com.acme.gateway.api;

import static com.acme.gateway.Fixtures.EXECUTIONS_PATH;
import static com.acme.gateway.Fixtures.POOL;
import static com.acme.gateway.Fixtures.SCRIPT_RUN;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static org.assertj.core.api.Assertions.assertThat;

import com.acme.gateway.GatewayWithMockMvc;
import com.acme.gateway.TestUpstream;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
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

/** What the caller gets for each kind of upstream answer. */
@GatewayWithMockMvc
class UpstreamAnswerMappingTest {


    @Autowired
    MockMvcTester mvc;

    @BeforeEach
    void reset() {
        TestUpstream.server().resetAll();
    }

    static Stream<Arguments> answers() {
        return Stream.of(
                Arguments.of("400 passes the upstream error through", error(400, "WKS.0003", "Invalid script id"), 400, "upstream-rejected"),
                Arguments.of("401 means our credentials are wrong", error(401, "APIGW.0301", "Incorrect IAM authentication information"), 502, "upstream-credentials-refused"),
                Arguments.of("403 means our credentials lack rights", error(403, "APIGW.0302", "Not authorized"), 502, "upstream-credentials-refused"),
                Arguments.of("404 from Workspace: unknown pool", error(404, "WKS.0104", "The desktop pool does not exist"), 404, "pool-not-found"),
                Arguments.of("404 from the API gateway: misrouted, not the pool", error(404, "APIGW.0101", "The API does not exist"), 502, "upstream-failed"),
                Arguments.of("500: outcome unknown", error(500, "WKS.0000", "Internal error"), 502, "outcome-unknown"),
                Arguments.of("200 without task id", aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("{}"), 502, "outcome-unknown"),
                Arguments.of("200 with garbage", aResponse().withStatus(200).withBody("<html>oops</html>"), 502, "outcome-unknown"),
                Arguments.of("200 with a task id that is not an id", aResponse().withStatus(200).withBody("{\"task_id\":\"../../x\"}"), 502, "outcome-unknown"),
                Arguments.of("read timeout", aResponse().withStatus(200).withFixedDelay(1500).withBody("{\"task_id\":\"9f0c7f43-1f7a-4c55-9d9b-6f5b0c0e1a11\"}"), 504, "upstream-timeout"),
                Arguments.of("redirect is not followed", aResponse().withStatus(302).withHeader("Location", "http://evil.example/"), 502, "upstream-failed"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("answers")
    void mapsUpstreamAnswer(String name, ResponseDefinitionBuilder upstream, int status, String type) {
        TestUpstream.server().stubFor(post(anyUrl()).willReturn(upstream));

        MvcTestResult result = submit();

        assertThat(result).hasStatus(status).hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson().extractingPath("$.type").isEqualTo("https://gateway.acme.com/problems/" + type);
        TestUpstream.server().verify(1, postRequestedFor(anyUrl()));
    }

    @Test
    void passesUpstreamErrorCodeAndMessageThroughWithoutMarkup() {
        TestUpstream.server().stubFor(post(anyUrl()).willReturn(error(400, "WKS.0003",
                "<b>Invalid</b> script id <script>alert(1)</script>" + "x".repeat(2000))));

        MvcTestResult result = submit();

        assertThat(result).hasStatus(400);
        assertThat(result).bodyJson().extractingPath("$.error_code").isEqualTo("WKS.0003");
        assertThat(result).bodyJson().extractingPath("$.error_msg").asString()
                .startsWith("Invalid script id alert(1)").doesNotContain("<", ">").hasSizeLessThan(600);
    }

    @Test
    void saysTheOutcomeIsUnknownAfterATimeout() {
        TestUpstream.server().stubFor(post(anyUrl()).willReturn(aResponse().withFixedDelay(1500).withStatus(200)));

        MvcTestResult result = submit();

        assertThat(result).hasStatus(504);
        assertThat(result).bodyJson().extractingPath("$.outcome").isEqualTo("UNKNOWN");
    }

    @Test
    void answers202WithLocationAndTaskId() {
        TestUpstream.server().stubFor(post(anyUrl()).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"task_id\":\"9f0c7f43-1f7a-4c55-9d9b-6f5b0c0e1a11\"}")));

        MvcTestResult result = submit();

        assertThat(result).hasStatus(202).hasHeader("Location", "/api/v1/executions/9f0c7f43-1f7a-4c55-9d9b-6f5b0c0e1a11");
        assertThat(result).bodyJson().extractingPath("$.task_id").isEqualTo("9f0c7f43-1f7a-4c55-9d9b-6f5b0c0e1a11");
        assertThat(result).bodyJson().extractingPath("$.pool_id").isEqualTo(POOL);
    }

    private MvcTestResult submit() {
        return mvc.post().uri(EXECUTIONS_PATH).header("X-API-Key", "test-key-alpha")
                .contentType(MediaType.APPLICATION_JSON).content(SCRIPT_RUN).exchange();
    }

    private static ResponseDefinitionBuilder error(int status, String code, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody("{\"error_code\":\"" + code + "\",\"error_msg\":\"" + message + "\"}");
    }
}
