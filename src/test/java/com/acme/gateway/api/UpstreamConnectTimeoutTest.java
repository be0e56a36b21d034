package com.acme.gateway.api;

import static com.acme.gateway.Fixtures.POOL;
import static org.assertj.core.api.Assertions.assertThat;

import com.acme.gateway.GatewayWithMockMvc;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

/**
 * Connect timeout: a loopback listener that never accepts and whose backlog is full, so the
 * kernel drops further SYNs and the connect times out. Nothing was sent: retried, then 503.
 */
@GatewayWithMockMvc
class UpstreamConnectTimeoutTest {

    private static final List<Socket> queued = new ArrayList<>();
    private static ServerSocket listener;

    @Autowired
    MockMvcTester mvc;

    @DynamicPropertySource
    static void listenerWithAFullBacklog(DynamicPropertyRegistry registry) throws IOException {
        listener = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
        boolean full = false;
        for (int i = 0; i < 16 && !full; i++) {
            var socket = new Socket();
            queued.add(socket);
            try {
                socket.connect(listener.getLocalSocketAddress(), 200);
            } catch (SocketTimeoutException e) {
                full = true;
            }
        }
        assertThat(full).as("the listener's backlog filled up, so connects time out").isTrue();
        registry.add("workspace.endpoint", () -> "http://127.0.0.1:" + listener.getLocalPort());
    }

    @AfterAll
    static void close() throws IOException {
        for (Socket socket : queued) {
            socket.close();
        }
        listener.close();
    }

    @Test
    void retriesAConnectTimeoutUpToTheLimitThenAnswers503() {
        var result = mvc.post().uri("/api/v1/pools/" + POOL + "/script-executions")
                .header("X-API-Key", "test-key-alpha").contentType(MediaType.APPLICATION_JSON)
                .content("{\"script_ids\":[\"0006e69f-5970-4af5-a652-e111055e630b\"],\"desktop_ids\":[\"00298bb0-104a-4467-9b15-876c6fb7a99f\"]}").exchange();

        assertThat(result).hasStatus(503).hasHeader("X-Upstream-Attempts", "3").containsHeader("Retry-After");
        assertThat(result).bodyJson().extractingPath("$.type")
                .isEqualTo("https://gateway.acme.com/problems/upstream-unavailable");
        assertThat(listener.isClosed()).isFalse();
    }
}
