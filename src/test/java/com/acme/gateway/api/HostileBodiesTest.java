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
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Bodies a hostile client sends: a top-level null, text that is blank in practice, malformed UTF-8
 * and lone surrogates. Each is a 400 with nothing sent upstream and no ERROR logged.
 */
@GatewayOverHttp
class HostileBodiesTest {

    @LocalServerPort
    int port;

    GatewayHttp http;

    @BeforeEach
    void setUp() {
        http = new GatewayHttp(port);
        TestUpstream.resetAndAccept("5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d");
    }

    @ParameterizedTest
    @ValueSource(strings = {"null", " null ", "\nnull\n"})
    void aTopLevelNullIsAMalformedBody(String body, CapturedOutput output) {
        JsonNode problem = GatewayHttp.assertProblem(http.submit(Fixtures.POOL, "", body), 400, "malformed-body");

        assertThat(problem.get("errors").get(0).get("pointer").asString()).isEqualTo("#");
        nothingSentNorLogged(output);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\\u0000", "\\u00a0\\u2003", "\\u200b", "\\u0007\\t\\r\\n", "\\u3000\\u2028\\ufeff"})
    void commandTextThatIsBlankInPracticeIsInvalid(String escaped, CapturedOutput output) {
        JsonNode problem = GatewayHttp.assertProblem(http.submit(Fixtures.POOL, "", command(escaped)), 400, "validation");

        assertThat(problem.get("errors")).anySatisfy(e -> {
            assertThat(e.get("pointer").asString()).isEqualTo("#/command_content");
            assertThat(e.get("detail").asString()).startsWith("must not be blank");
        });
        nothingSentNorLogged(output);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\\ud800", "ls \\udc00", "\\udbff\\udbff"})
    void aLoneSurrogateIsAMalformedBody(String escaped, CapturedOutput output) {
        JsonNode problem = GatewayHttp.assertProblem(http.submit(Fixtures.POOL, "", command(escaped)), 400,
                "malformed-body");

        assertThat(problem.get("errors").get(0).get("pointer").asString()).isEqualTo("#/command_content");
        nothingSentNorLogged(output);
    }

    /** Overlong "/" (c0 af), a stray ff, an encoded surrogate (ed a0 80), a cut sequence (e2 82). */
    @ParameterizedTest
    @ValueSource(strings = {"c0af", "ff", "eda080", "e282", "f8888080af"})
    void malformedUtf8IsRefusedAlike(String hex, CapturedOutput output) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes("{\"command_content\":\"ls ".getBytes(StandardCharsets.UTF_8));
        body.writeBytes(HexFormat.of().parseHex(hex));
        body.writeBytes("etc\",\"command_type\":\"SHELL\"}".getBytes(StandardCharsets.UTF_8));

        JsonNode problem = GatewayHttp.assertProblem(http.submitBytes(Fixtures.ALPHA, Fixtures.POOL, "",
                body.toByteArray()), 400, "malformed-body");

        assertThat(problem.get("detail").asString()).contains("UTF-8");
        nothingSentNorLogged(output);
    }

    @Test
    void wellFormedUnicodeCommandTextIsForwarded(CapturedOutput output) {
        assertThat(http.submit(Fixtures.POOL, "", command("echo \\u00e9t\\u00e9 \\ud83d\\ude00")).statusCode())
                .isEqualTo(202);
        TestUpstream.server().verify(1, postRequestedFor(urlPathMatching(".*/script-executions")));
        Logs.noErrorNorStackTrace(output);
    }

    private static String command(String escapedText) {
        return "{\"command_content\":\"" + escapedText + "\",\"command_type\":\"SHELL\",\"desktop_ids\":[\""
                + Fixtures.DESKTOP + "\"]}";
    }

    private static void nothingSentNorLogged(CapturedOutput output) {
        assertThat(TestUpstream.server().findAll(anyRequestedFor(anyUrl()))).isEmpty();
        Logs.noErrorNorStackTrace(output);
    }
}
