package com.acme.gateway.api;

import static com.acme.gateway.Fixtures.POOL;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;

import com.acme.gateway.TestUpstream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/** Ids that try to escape the upstream path are refused before any I/O, over the real HTTP stack. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "management.server.port=0")
@ActiveProfiles("test")
@ContextConfiguration(initializers = TestUpstream.class)
class PathInjectionTest {

    @LocalServerPort
    int port;

    @BeforeEach
    void reset() {
        TestUpstream.server().resetAll();
    }

    @ParameterizedTest
    @ValueSource(strings = {"..", "..%2F..%2Fv3", "%2e%2e", POOL + "%2F..",
        POOL + ";x=1", POOL + "%3Fx",
        POOL + "%23x", "user@" + POOL,
        "a130ab3a%0d%0aX-Injected:1", "a130ab3a-72bf-4b71-baa9-af4987c8e33%C3%A9", "%00"})
    void refusesThePathWithAProblemAndSendsNothing(String poolId) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest
                .newBuilder(URI.create("http://localhost:" + port + "/api/v1/pools/" + poolId + "/script-executions"))
                .header("X-API-Key", "test-key-alpha").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"script_ids\":[\"0006e69f-5970-4af5-a652-e111055e630b\"],"
                        + "\"desktop_ids\":[\"00298bb0-104a-4467-9b15-876c6fb7a99f\"]}"))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isIn(400, 404);
        assertThat(response.headers().firstValue("Content-Type")).get().asString().startsWith("application/problem+json");
        assertThat(response.body()).doesNotContain("X-Injected:1\r");
        assertThat(TestUpstream.server().findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }
}
