package com.acme.gateway.api;

import static com.acme.gateway.Fixtures.POOL;
import static com.acme.gateway.Fixtures.SCRIPT_RUN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.acme.gateway.Fixtures;
import com.acme.gateway.GatewayHttp;
import com.acme.gateway.GatewayOverHttp;
import com.acme.gateway.Logs;
import com.acme.gateway.TestUpstream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.coyote.AbstractProtocol;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

/**
 * A client that opens more connections than {@code server.tomcat.max-connections} (1,000, the
 * shipped default) and sends nothing: the API port holds at most 1,000 of them, whatever it is sent
 * (each costs heap; Tomcat's default of 8,192 exhausted the 128 MB heap), the management port still
 * answers, the idle ones are closed after {@code server.tomcat.connection-timeout} (3 s in tests)
 * without the client's help, and then requests are served again.
 */
@GatewayOverHttp
class ConnectionLimitTest {

    static final int MAX_CONNECTIONS = 1000;

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Autowired
    WebServerApplicationContext context;

    final Queue<Socket> flood = new ConcurrentLinkedQueue<>();

    final ExecutorService connecting = Executors.newVirtualThreadPerTaskExecutor();

    @AfterEach
    void closeFlood() throws IOException {
        connecting.shutdownNow();
        for (Socket socket : flood) {
            socket.close();
        }
    }

    @Test
    void idleConnectionsPastTheLimitWaitAndTheGatewayRecoversOnItsOwn(CapturedOutput output) throws Exception {
        TestUpstream.server().resetAll();
        Fixtures.executeAnswers(Fixtures.acceptedWithNewTask());
        var mostHeld = new AtomicLong();
        var sampling = Thread.ofVirtual().start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                mostHeld.accumulateAndGet(apiConnections(), Math::max);
                LockSupport.parkNanos(1_000_000);
            }
        });
        for (int i = 0; i < MAX_CONNECTIONS + 300; i++) {
            connecting.submit(() -> {
                var socket = new Socket();
                try {
                    socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
                    flood.add(socket);
                } catch (IOException refused) {
                    socket.close();
                }
                return null;
            });
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> apiConnections() >= MAX_CONNECTIONS);
        assertThat(readiness()).as("the management port has its own connections").isEqualTo(200);
        connecting.close();
        sampling.interrupt();
        sampling.join();
        // past the limit, the kernel's backlog (accept-count, 100) took the next connections and refused the rest
        assertThat(flood.size()).as("connections the client got").isGreaterThan(MAX_CONNECTIONS);
        assertThat(mostHeld.get()).as("the most the API port held at once").isEqualTo(MAX_CONNECTIONS);

        await().atMost(Duration.ofSeconds(20)).until(() -> apiConnections() < MAX_CONNECTIONS / 2);
        assertThat(new GatewayHttp(port).submit(POOL, "", SCRIPT_RUN).statusCode()).isEqualTo(202);
        long closedByServer = flood.stream().filter(ConnectionLimitTest::closedByPeer).count();
        assertThat(closedByServer).as("idle connections the gateway closed").isGreaterThanOrEqualTo(MAX_CONNECTIONS);
        Logs.noErrorNorStackTrace(output);
    }

    private long apiConnections() {
        var tomcat = ((TomcatWebServer) context.getWebServer()).getTomcat();
        return ((AbstractProtocol<?>) tomcat.getConnector().getProtocolHandler()).getConnectionCount();
    }

    private static boolean closedByPeer(Socket socket) {
        try {
            socket.setSoTimeout(1);
            return socket.getInputStream().read() == -1;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    private int readiness() throws Exception {
        try (var client = HttpClient.newHttpClient()) {
            return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + managementPort
                    + "/actuator/health/readiness")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        }
    }
}
