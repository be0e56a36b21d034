package com.acme.gateway.api;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.acme.gateway.Fixtures;
import com.acme.gateway.GatewayHttp;
import com.acme.gateway.GatewayOverHttp;
import com.acme.gateway.Logs;
import com.acme.gateway.TestUpstream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * A canary is a real first batch: a strict subset of at most half of the targeted desktops, with a
 * threshold the batch can reach. Team beta (test policy) needs one above 2 desktops.
 */
@GatewayOverHttp
class CanaryTest {

    private static final String BETA = "test-key-beta";
    private static final List<String> DESKTOPS = IntStream.rangeClosed(1, 4)
            .mapToObj("00000000-0000-4000-8000-%012d"::formatted).toList();

    @LocalServerPort
    int port;

    GatewayHttp http;

    @BeforeEach
    void setUp() {
        http = new GatewayHttp(port);
        TestUpstream.resetAndAccept("8d7e6f5a-4b3c-4d2e-9f0a-1b2c3d4e5f6a");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"gray_count\":4,\"gray_fail_threshold\":1", "\"gray_count\":3,\"gray_fail_threshold\":1",
        "\"gray_desktop_ids\":ALL,\"gray_fail_threshold\":1"})
    void aGrayBatchOfMoreThanHalfIsNoCanary(String canary, CapturedOutput output) {
        JsonNode problem = GatewayHttp.assertProblem(submit(canary.replace("ALL", ids(DESKTOPS))), 403, "policy-denied");

        assertThat(problem.get("reasons")).singleElement().satisfies(reason -> {
            assertThat(reason.get("rule").asString()).isEqualTo("canary");
            assertThat(reason.get("detail").asString()).contains("at most 2 of 4 desktops");
        });
        assertThat(TestUpstream.server().findAll(anyRequestedFor(anyUrl()))).isEmpty();
        Logs.noErrorNorStackTrace(output);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"gray_count\":2,\"gray_fail_threshold\":3",
        "\"gray_desktop_ids\":[\"00000000-0000-4000-8000-000000000001\"],\"gray_fail_threshold\":2"})
    void aThresholdAboveTheGrayBatchIsInvalid(String canary, CapturedOutput output) {
        JsonNode problem = GatewayHttp.assertProblem(submit(canary), 400, "validation");

        assertThat(problem.get("errors")).anySatisfy(e -> {
            assertThat(e.get("pointer").asString()).isEqualTo("#/gray_fail_threshold");
            assertThat(e.get("detail").asString()).startsWith("must not exceed the gray batch size");
        });
        assertThat(TestUpstream.server().findAll(anyRequestedFor(anyUrl()))).isEmpty();
        Logs.noErrorNorStackTrace(output);
    }

    @Test
    void halfOfTheDesktopsWithAReachableThresholdIsACanary() {
        assertThat(submit("\"gray_count\":2,\"gray_fail_threshold\":2").statusCode()).isEqualTo(202);
        assertThat(submit("\"gray_desktop_ids\":" + ids(DESKTOPS.subList(0, 1)) + ",\"gray_fail_threshold\":1")
                .statusCode()).isEqualTo(202);
        TestUpstream.server().verify(2, postRequestedFor(urlPathMatching(".*/script-executions")));
    }

    private java.net.http.HttpResponse<String> submit(String canary) {
        String body = "{\"script_ids\":[\"" + Fixtures.SCRIPT + "\"],\"desktop_ids\":" + ids(DESKTOPS) + "," + canary + "}";
        return http.submitBytes(BETA, Fixtures.POOL, "", body.getBytes(StandardCharsets.UTF_8));
    }

    private static String ids(List<String> ids) {
        return ids.stream().map(id -> "\"" + id + "\"").collect(Collectors.joining(",", "[", "]"));
    }
}
