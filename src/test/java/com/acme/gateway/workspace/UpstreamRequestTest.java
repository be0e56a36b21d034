package com.acme.gateway.workspace;

import static com.acme.gateway.Fixtures.POOL;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;

import com.acme.gateway.GatewayWithMockMvc;
import com.acme.gateway.TestUpstream;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

/** The exact request that leaves the gateway, and its signature checked against the official SDK's signer. */
@GatewayWithMockMvc
class UpstreamRequestTest {

    private static final String PROJECT = "0bec5db98280d2d02fd6c00c2de791ce";

    @Autowired
    MockMvcTester mvc;

    @BeforeEach
    void upstreamAccepts() {
        TestUpstream.resetAndAccept("9f0c7f43-1f7a-4c55-9d9b-6f5b0c0e1a11");
    }

    @Test
    void sendsTheCanonicalBodySignedExactlyAsTheSdkWould() throws Exception {
        // fields out of order, extra whitespace and unicode: the gateway re-serializes the validated request
        String callerBody = "{ \"post_finish\":\"reboot\", \"desktop_ids\":[\"00298bb0-104a-4467-9b15-876c6fb7a99f\"],"
                + " \"command_type\":\"POWERSHELL\", \"command_content\":\"Write-Output 'héllo ✓'\" }";

        assertThat(mvc.post().uri("/api/v1/pools/" + POOL + "/script-executions").header("X-API-Key", "test-key-alpha")
                .contentType(MediaType.APPLICATION_JSON).content(callerBody.getBytes(StandardCharsets.UTF_8)).exchange())
                .hasStatus(202);

        List<LoggedRequest> sent = TestUpstream.server().findAll(
                com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor(anyUrl()));
        assertThat(sent).hasSize(1);
        LoggedRequest request = sent.getFirst();
        assertThat(request.getMethod().value()).isEqualTo("POST");
        assertThat(request.getUrl()).isEqualTo("/v2/" + PROJECT + "/desktop-pools/" + POOL + "/script-executions");
        assertThat(request.getBodyAsString()).isEqualTo("{\"desktop_ids\":[\"00298bb0-104a-4467-9b15-876c6fb7a99f\"],"
                + "\"post_finish\":\"reboot\",\"command_content\":\"Write-Output 'héllo ✓'\",\"command_type\":\"POWERSHELL\"}");
        assertThat(request.getHeader("Content-Type")).startsWith("application/json");
        assertThat(request.getHeader("X-Project-Id")).isEqualTo(PROJECT);
        assertThat(request.getHeader("X-Sdk-Date")).matches("\\d{8}T\\d{6}Z");
        assertThat(request.containsHeader("X-Security-Token")).isFalse();

        String host = request.getHeader("Host");
        assertThat(host).isEqualTo("localhost:" + TestUpstream.server().port());
        String expected = SdkSignatures.expectedAuthorization("POST", request.getAbsoluteUrl(),
                Map.of("Host", host, "X-Sdk-Date", request.getHeader("X-Sdk-Date"), "X-Project-Id", PROJECT),
                List.of("host", "x-project-id", "x-sdk-date"), request.getBody(),
                "HPUAEXAMPLEACCESSKEY1", "ExampleSecretKey0123456789abcdefABCDEF0123");
        assertThat(request.getHeader("Authorization")).isEqualTo(expected);
    }
}
