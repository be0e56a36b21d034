package com.acme.gateway.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.gateway.workspace.UpstreamException.Failure;
import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.stream.Stream;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.web.client.ResourceAccessException;

/** Which I/O failures prove nothing was sent: only those may be retried. */
class WorkspaceHttpClassificationTest {

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of(new ConnectException("Connection refused"), Failure.NOT_SENT),
                Arguments.of(new HttpConnectTimeoutException("HTTP connect timed out"), Failure.NOT_SENT),
                Arguments.of(new SSLHandshakeException("handshake failed"), Failure.NOT_SENT),
                Arguments.of(new HttpTimeoutException("request timed out"), Failure.TIMED_OUT),
                Arguments.of(new SocketException("Connection reset"), Failure.CONNECTION_LOST),
                Arguments.of(new EOFException("EOF reached while reading"), Failure.CONNECTION_LOST),
                Arguments.of(new IOException("HTTP/1.1 header parser received no bytes"), Failure.CONNECTION_LOST));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("failures")
    void classifiesWhatTheJdkClientThrows(IOException cause, Failure expected) {
        var wrapped = new ResourceAccessException("I/O error", new IOException("wrapper", cause));

        assertThat(WorkspaceHttp.classify(wrapped).failure()).isEqualTo(expected);
    }
}
