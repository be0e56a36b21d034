package com.acme.gateway.api;

import static com.acme.gateway.Fixtures.POOL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.acme.gateway.GatewayWithMockMvc;
import java.net.ConnectException;
import java.net.Socket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

/** Connection refused: nothing was sent, so the gateway retries up to the limit, then the caller gets 503. */
@GatewayWithMockMvc
class UpstreamUnreachableTest {

    @Autowired
    MockMvcTester mvc;

    /** Port 1 (tcpmux) has no listener on any machine this runs on; a free ephemeral port could be taken by then. */
    @DynamicPropertySource
    static void closedPort(DynamicPropertyRegistry registry) {
        registry.add("workspace.endpoint", () -> "http://127.0.0.1:1");
    }

    @BeforeAll
    static void nothingListensOnPortOne() {
        assertThatThrownBy(() -> new Socket("127.0.0.1", 1).close()).isInstanceOf(ConnectException.class);
    }

    @Test
    void retriesRefusedConnectionsUpToTheLimitThenAnswers503WithRetryAfter() {
        var result = mvc.post().uri("/api/v1/pools/" + POOL + "/script-executions")
                .header("X-API-Key", "test-key-alpha").contentType(MediaType.APPLICATION_JSON)
                .content("{\"script_ids\":[\"0006e69f-5970-4af5-a652-e111055e630b\"],\"desktop_ids\":[\"00298bb0-104a-4467-9b15-876c6fb7a99f\"]}").exchange();

        assertThat(result).hasStatus(503).hasContentType(MediaType.APPLICATION_PROBLEM_JSON).containsHeader("Retry-After")
                .hasHeader("X-Upstream-Attempts", "3");
        assertThat(result).bodyJson().extractingPath("$.type")
                .isEqualTo("https://gateway.acme.com/problems/upstream-unavailable");
    }
}
