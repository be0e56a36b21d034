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
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.coyote.AbstractProtocol;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.WebServer;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;

/**
 * A client that opens more connections than a port's limit and sends nothing: the API port holds at
 * most {@code server.tomcat.max-connections} (500, the shipped default), the management port at most
 * {@code gateway.limits.max-management-connections} (50), however many come (each costs heap;
 * Tomcat's default of 8,192 exhausted the 128 MB heap). The other port still answers, the idle
 * connections are closed after {@code server.tomcat.connection-timeout} (3 s in tests) without the
 * client's help, and then requests are served again.
 */
@GatewayOverHttp
class ConnectionLimitTest {

    static final int API_LIMIT = 500;

    static final int MANAGEMENT_LIMIT = 50;

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Autowired
    WebServers servers;

    final Queue<Socket> flood = new ConcurrentLinkedQueue<>();

    final ExecutorService connecting = Executors.newVirtualThreadPerTaskExecutor();

    Thread sampling;

    @AfterEach
    void closeFlood() throws IOException {
        connecting.shutdownNow();
        if (sampling != null) {
            sampling.interrupt();
        }
        for (Socket socket : flood) {
            socket.close();
        }
    }

    @Test
    void idleConnectionsPastTheApiLimitWaitAndTheGatewayRecoversOnItsOwn(CapturedOutput output) throws Throwable {
        TestUpstream.server().resetAll();
        Fixtures.executeAnswers(Fixtures.acceptedWithNewTask());

        long mostHeld = floodAndSample(port, API_LIMIT,
                () -> assertThat(readiness()).as("the management port has its own connections").isEqualTo(200));
        // past the limit, the kernel's backlog (accept-count, 100) took the next connections and refused the rest
        assertThat(flood.size()).as("connections the client got").isGreaterThan(API_LIMIT);
        assertThat(mostHeld).as("the most the API port held at once").isEqualTo(API_LIMIT);

        // the client never closes them: the gateway does, after connection-timeout
        await().atMost(Duration.ofSeconds(20))
                .until(() -> flood.stream().filter(ConnectionLimitTest::closedByPeer).count() >= API_LIMIT);
        assertThat(new GatewayHttp(port).submit(POOL, "", SCRIPT_RUN).statusCode()).isEqualTo(202);
        Logs.noErrorNorStackTrace(output);
    }

    @Test
    void theManagementPortHasItsOwnSmallerLimit(CapturedOutput output) throws Throwable {
        TestUpstream.server().resetAll();
        Fixtures.executeAnswers(Fixtures.acceptedWithNewTask());

        long mostHeld = floodAndSample(managementPort, MANAGEMENT_LIMIT,
                () -> assertThat(new GatewayHttp(port).submit(POOL, "", SCRIPT_RUN).statusCode())
                        .as("the API port has its own connections").isEqualTo(202));
        assertThat(mostHeld).as("the most the management port held at once").isEqualTo(MANAGEMENT_LIMIT);

        closeFlood();
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> readiness() == 200);
        Logs.noErrorNorStackTrace(output);
    }

    /**
     * Opens the limit and 300 more idle connections to the port, each given 5 s to be accepted, and
     * returns the most the server held at once meanwhile. {@code whileFull} runs once the port holds its limit.
     */
    private long floodAndSample(int target, int limit, Executable whileFull) throws Throwable {
        var mostHeld = new AtomicLong();
        sampling = Thread.ofVirtual().start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                mostHeld.accumulateAndGet(connections(target), Math::max);
                LockSupport.parkNanos(1_000_000);
            }
        });
        for (int i = 0; i < limit + 300; i++) {
            connecting.submit(() -> {
                var socket = new Socket();
                try {
                    socket.connect(new InetSocketAddress("127.0.0.1", target), 5000);
                    flood.add(socket);
                } catch (IOException refused) {
                    socket.close();
                }
                return null;
            });
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> connections(target) >= limit);
        whileFull.execute();
        connecting.close();
        sampling.interrupt();
        sampling.join();
        return mostHeld.get();
    }

    private long connections(int serverPort) {
        var tomcat = ((TomcatWebServer) servers.byPort.get(serverPort)).getTomcat();
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

    /** Both web servers by port: the management child context's event reaches this context too. */
    @TestConfiguration(proxyBeanMethods = false)
    static class WebServers implements ApplicationListener<WebServerInitializedEvent> {

        final Map<Integer, WebServer> byPort = new ConcurrentHashMap<>();

        @Override
        public void onApplicationEvent(WebServerInitializedEvent event) {
            byPort.put(event.getWebServer().getPort(), event.getWebServer());
        }
    }
}
