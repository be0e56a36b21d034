package com.acme.gateway.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.gateway.workspace.UpstreamException.Failure;
import java.io.EOFException;
import java.io.IOException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.stream.Stream;
import javax.net.ssl.SSLHandshakeException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.HttpHostConnectException;
import org.apache.hc.core5.http.ConnectionClosedException;
import org.apache.hc.core5.http.ConnectionRequestTimeoutException;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.web.client.ResourceAccessException;

/** Which I/O failures prove nothing was sent: only those may be retried. */
class WorkspaceHttpClassificationTest {

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of(new HttpHostConnectException("Connect to http://localhost:1 failed: Connection refused"),
                        Failure.NOT_SENT),
                // a SocketTimeoutException itself, caused by one: still nothing sent
                Arguments.of(connectTimeout(), Failure.NOT_SENT),
                Arguments.of(new ConnectionRequestTimeoutException("Timeout deadline: 2000 MILLISECONDS, actual: 2001"),
                        Failure.NOT_SENT),
                Arguments.of(new UnknownHostException("workspace.invalid"), Failure.NOT_SENT),
                Arguments.of(new NoRouteToHostException("No route to host"), Failure.NOT_SENT),
                Arguments.of(new SSLHandshakeException("handshake failed"), Failure.NOT_SENT),
                Arguments.of(new SocketTimeoutException("Read timed out"), Failure.TIMED_OUT),
                Arguments.of(new NoHttpResponseException("localhost:8089 failed to respond"), Failure.CONNECTION_LOST),
                Arguments.of(new ConnectionClosedException("Connection closed by peer"), Failure.CONNECTION_LOST),
                Arguments.of(new SocketException("Connection reset"), Failure.CONNECTION_LOST),
                Arguments.of(new EOFException("EOF reached while reading"), Failure.CONNECTION_LOST));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("failures")
    void classifiesWhatApacheHttpClientThrows(IOException cause, Failure expected) {
        var wrapped = new ResourceAccessException("I/O error", new IOException("wrapper", cause));

        assertThat(WorkspaceHttp.classify(wrapped).failure()).isEqualTo(expected);
    }

    private static IOException connectTimeout() {
        var timeout = new ConnectTimeoutException("Connect to http://10.255.255.1:8089 failed: Connect timed out");
        timeout.initCause(new SocketTimeoutException("Connect timed out"));
        return timeout;
    }
}
