package com.acme.gateway.api;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.acme.gateway.Fixtures;
import com.acme.gateway.GatewayHttp;
import com.acme.gateway.GatewayOverHttp;
import com.acme.gateway.Logs;
import com.acme.gateway.TestUpstream;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Every UUID is lower-cased at the edge: what is forwarded, audited, fingerprinted and filtered
 * is the same whatever casing the caller used.
 */
@GatewayOverHttp
class CanonicalIdsTest {

    private static final String PROJECT = "0bec5db98280d2d02fd6c00c2de791ce";
    private static final String SCRIPT_2 = "1116e69f-5970-4af5-a652-e111055e630b";

    @LocalServerPort
    int port;

    GatewayHttp http;

    @BeforeEach
    void setUp() {
        http = new GatewayHttp(port);
        TestUpstream.resetAndAccept("7c6d5e4f-3a2b-4c1d-8e9f-0a1b2c3d4e5f");
    }

    @Test
    void upperCaseIdsAreForwardedAuditedAndFoundInLowerCase(CapturedOutput output) {
        String desktop = UUID.randomUUID().toString();
        String gray = UUID.randomUUID().toString();
        String body = "{\"script_ids\":[\"" + upper(SCRIPT_2) + "\"],\"desktop_ids\":[\"" + upper(desktop) + "\",\""
                + upper(gray) + "\"],\"gray_desktop_ids\":[\"" + upper(gray) + "\"],\"gray_fail_threshold\":1}";

        HttpResponse<String> response = http.submit(upper(Fixtures.POOL), "", body);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        assertThat(GatewayHttp.json(response).get("pool_id").asString()).isEqualTo(Fixtures.POOL);
        TestUpstream.server().verify(1, postRequestedFor(urlEqualTo("/v2/" + PROJECT + "/desktop-pools/"
                + Fixtures.POOL + "/script-executions")).withRequestBody(equalToJson("{\"script_ids\":[\"" + SCRIPT_2
                + "\"],\"desktop_ids\":[\"" + desktop + "\",\"" + gray + "\"],\"gray_desktop_ids\":[\"" + gray
                + "\"],\"gray_fail_threshold\":1}")));
        String executionId = GatewayHttp.json(response).get("execution_id").asString();
        for (String filter : new String[] {Fixtures.POOL, upper(Fixtures.POOL)}) {
            JsonNode items = GatewayHttp.json(http.get("/api/v1/executions?size=100&pool_id=" + filter)).get("items");
            assertThat(items.valueStream().filter(item -> item.get("execution_id").asString().equals(executionId)))
                    .singleElement().satisfies(item -> {
                        assertThat(item.get("pool_id").asString()).isEqualTo(Fixtures.POOL);
                        assertThat(item.get("script_ids").get(0).asString()).isEqualTo(SCRIPT_2);
                    });
        }
        Logs.noErrorNorStackTrace(output);
    }

    @Test
    void theSameRequestWithOtherCasingAndTheSameUuidKeyIsOneExecution() {
        String key = UUID.randomUUID().toString();
        String lower = "{\"script_ids\":[\"" + SCRIPT_2 + "\"],\"desktop_ids\":[\"" + Fixtures.DESKTOP + "\"]}";
        String upper = "{\"script_ids\":[\"" + upper(SCRIPT_2) + "\"],\"desktop_ids\":[\"" + upper(Fixtures.DESKTOP)
                + "\"]}";

        HttpResponse<String> first = http.submit(Fixtures.POOL, "", lower, "Idempotency-Key", key);
        HttpResponse<String> second = http.submit(upper(Fixtures.POOL), "", upper, "Idempotency-Key", upper(key));

        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(second.statusCode()).as(second.body()).isEqualTo(202);
        assertThat(GatewayHttp.json(second).get("task_id")).isEqualTo(GatewayHttp.json(first).get("task_id"));
        TestUpstream.server().verify(1, postRequestedFor(urlPathMatching(".*/script-executions")));
    }

    @Test
    void keysThatAreNotUuidsKeepTheirCase() {
        String key = "Build-" + UUID.randomUUID().toString().substring(0, 8);

        assertThat(http.submit(Fixtures.POOL, "", Fixtures.SCRIPT_RUN, "Idempotency-Key", key).statusCode())
                .isEqualTo(202);
        assertThat(http.submit(Fixtures.POOL, "", Fixtures.SCRIPT_RUN, "Idempotency-Key", key.toLowerCase(Locale.ROOT))
                .statusCode()).isEqualTo(202);
        TestUpstream.server().verify(2, postRequestedFor(urlPathMatching(".*/script-executions")));
    }

    private static String upper(String id) {
        return id.toUpperCase(Locale.ROOT);
    }
}
