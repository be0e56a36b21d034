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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** The POST's query: dry_run once, true or false; anything else is a 400 naming each problem, and nothing runs. */
@GatewayOverHttp
class QueryParametersTest {

    @LocalServerPort
    int port;

    GatewayHttp http;

    @BeforeEach
    void setUp() {
        http = new GatewayHttp(port);
        TestUpstream.resetAndAccept("6b5c4d3e-2f1a-4b0c-9d8e-7f6a5b4c3d2e");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "?dry_run=false&dry_run=true | dry_run   | must be given at most once",
        "?dry_run=true&dry_run=false | dry_run   | must be given at most once",
        "?dry_run=1                  | dry_run   | must be true or false",
        "?dry_run=TRUE               | dry_run   | must be true or false",
        "?dry_run=                   | dry_run   | must be true or false",
        "?dryrun=true                | dryrun    | unknown parameter; allowed: [dry_run]",
        "?team=beta                  | team      | unknown parameter; allowed: [dry_run]"})
    void refusesAPollutedQueryAndSendsNothing(String query, String parameter, String detail, CapturedOutput output) {
        JsonNode problem = GatewayHttp.assertProblem(http.submit(Fixtures.POOL, query, Fixtures.SCRIPT_RUN), 400,
                "validation");

        assertThat(problem.get("errors")).anySatisfy(e -> {
            assertThat(e.get("parameter").asString()).isEqualTo(parameter);
            assertThat(e.get("detail").asString()).isEqualTo(detail);
        });
        assertThat(TestUpstream.server().findAll(anyRequestedFor(anyUrl()))).isEmpty();
        Logs.noErrorNorStackTrace(output);
    }

    @Test
    void listsEveryProblemOfTheQueryAtOnce() {
        JsonNode problem = GatewayHttp.assertProblem(http.submit(Fixtures.POOL, "?b=1&a=2&dry_run=yes",
                Fixtures.SCRIPT_RUN), 400, "validation");

        assertThat(problem.get("errors").valueStream().map(e -> e.get("parameter").asString()))
                .containsExactly("a", "b", "dry_run");
    }

    @Test
    void trueIsADryRunAndFalseRuns() {
        assertThat(http.submit(Fixtures.POOL, "?dry_run=true", Fixtures.SCRIPT_RUN).statusCode()).isEqualTo(200);
        TestUpstream.server().verify(0, postRequestedFor(anyUrl()));

        assertThat(http.submit(Fixtures.POOL, "?dry_run=false", Fixtures.SCRIPT_RUN).statusCode()).isEqualTo(202);
        assertThat(http.submit(Fixtures.POOL, "", Fixtures.SCRIPT_RUN).statusCode()).isEqualTo(202);
        TestUpstream.server().verify(2, postRequestedFor(urlPathMatching(".*/script-executions")));
    }
}
