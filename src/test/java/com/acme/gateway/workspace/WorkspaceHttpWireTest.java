package com.acme.gateway.workspace;

import static com.acme.gateway.Fixtures.POOL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import com.acme.gateway.workspace.UpstreamException.Failure;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.RestClient;

/**
 * What {@link WorkspaceHttp} puts on the wire and how it treats a connection, seen by a raw-socket
 * upstream that answers each request and then closes the connection without saying so.
 */
class WorkspaceHttpWireTest {

    private static final String TASK_ID = "9f0c7f43-1f7a-4c55-9d9b-6f5b0c0e1a11";
    private static final byte[] BODY = "{\"script_ids\":[]}".getBytes(StandardCharsets.UTF_8);

    private final ServerSocket server = bind();
    private final AtomicInteger connections = new AtomicInteger();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final WorkspaceHttp http = workspaceHttp(server.getLocalPort());

    @AfterEach
    void close() throws IOException {
        server.close();
    }

    @Test
    void sendsTheSignedHostAndNoHeadersOfItsOwnChoosing() {
        upstreamAnswers("{\"script_execution_tasks\":[]}");

        http.findTasks(TaskQuery.task(POOL, TASK_ID));

        String head = requests.getFirst().toLowerCase(Locale.ROOT);
        assertThat(head).contains("\r\nhost: 127.0.0.1:" + server.getLocalPort() + "\r\n")
                .contains("signedheaders=host;x-project-id;x-sdk-date,")
                .contains("\r\nuser-agent: workspace-script-gateway\r\n")
                .doesNotContain("accept-encoding", "upgrade", "cookie", "expect");
    }

    @Test
    void aPooledConnectionTheUpstreamClosedIsCheckedBeforeReuseNotWrittenTo() throws Exception {
        upstreamAnswers("{\"task_id\":\"" + TASK_ID + "\"}");

        assertThat(http.execute(POOL, BODY).taskId()).isEqualTo(TASK_ID);
        Thread.sleep(1_500); // idle past the validate-after-inactivity second
        assertThat(http.execute(POOL, BODY).taskId()).isEqualTo(TASK_ID);

        assertThat(requests).hasSize(2);
        assertThat(connections).hasValue(2);
    }

    @Test
    void aReadWhoseConnectionBrokeIsNotSentAgain() {
        upstreamAnswers(null);

        assertThatExceptionOfType(UpstreamException.class).isThrownBy(() -> http.findTasks(TaskQuery.task(POOL, TASK_ID)))
                .extracting(UpstreamException::failure).isEqualTo(Failure.CONNECTION_LOST);
        assertThat(requests).hasSize(1);
    }

    @Test
    void anAnswerWithAnUnreadableContentLengthIsALostAnswerNotACrash() {
        upstreamWrites("HTTP/1.1 202 Accepted\r\nContent-Type: application/json\r\nContent-Length: 4x\r\n\r\n"
                + "{\"task_id\":\"" + TASK_ID + "\"}");

        assertThatExceptionOfType(UpstreamException.class).isThrownBy(() -> http.execute(POOL, BODY))
                .extracting(UpstreamException::failure).isEqualTo(Failure.CONNECTION_LOST);
        assertThat(requests).hasSize(1);
    }

    /** Each connection: read one request, answer {@code json} (or nothing), close. */
    private void upstreamAnswers(String json) {
        upstreamWrites(json == null ? null : "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                + json.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + json);
    }

    /** Each connection: read one request, write {@code answer} (or nothing), close. */
    private void upstreamWrites(String answer) {
        Thread.ofVirtual().start(() -> {
            while (!server.isClosed()) {
                try (Socket socket = server.accept()) {
                    connections.incrementAndGet();
                    requests.add(readRequest(socket.getInputStream()));
                    if (answer != null) {
                        socket.getOutputStream().write(answer.getBytes(StandardCharsets.UTF_8));
                        socket.getOutputStream().flush();
                    }
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    private static String readRequest(InputStream in) throws IOException {
        var head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("request ended early");
            }
            head.append((char) b);
        }
        int length = head.toString().toLowerCase(Locale.ROOT).lines()
                .filter(line -> line.startsWith("content-length:"))
                .mapToInt(line -> Integer.parseInt(line.substring("content-length:".length()).strip()))
                .findFirst().orElse(0);
        in.readNBytes(length);
        return head.toString();
    }

    private static ServerSocket bind() {
        try {
            return new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static WorkspaceHttp workspaceHttp(int port) {
        var credentials = new WorkspaceProperties.Credentials("HPUAEXAMPLEACCESSKEY1",
                "ExampleSecretKey0123456789abcdefABCDEF0123", null, null, Duration.ofSeconds(1));
        var properties = new WorkspaceProperties("http://127.0.0.1:" + port, "0bec5db98280d2d02fd6c00c2de791ce",
                credentials, new WorkspaceProperties.Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(5)));
        return new WorkspaceHttp(RestClient.builder(), properties,
                new CredentialStore(properties, new SimpleMeterRegistry()), Clock.systemUTC());
    }
}
