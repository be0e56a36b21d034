package com.acme.gateway.api;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;

import com.acme.gateway.Fixtures;
import com.acme.gateway.GatewayOverHttp;
import com.acme.gateway.Logs;
import com.acme.gateway.RawHttp;
import com.acme.gateway.RawHttp.Answer;
import com.acme.gateway.TestUpstream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Bytes no well-behaved client sends, over a raw socket: whatever refuses them (Tomcat, Spring's
 * error path or the controllers) answers RFC 9457 problem+json with the right type, an
 * X-Request-Id, nothing sent upstream, and at most a WARN line without a stack trace.
 */
@GatewayOverHttp
class ContainerErrorsTest {

    private static final String PATH = "/api/v1/pools/" + Fixtures.POOL + "/script-executions";
    private static final String POST_HEAD = "POST " + PATH + " HTTP/1.1\r\nHost: localhost\r\nX-API-Key: test-key-alpha\r\n"
            + "Content-Type: application/json\r\nConnection: close\r\n";
    private static final String BODY = Fixtures.SCRIPT_RUN;

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @BeforeEach
    void reset() {
        TestUpstream.resetAndAccept("0d5c3b1a-9e8f-4a7b-8c6d-5e4f3a2b1c0d");
    }

    @AfterEach
    void nothingWasSentNorLoggedAsAnError(CapturedOutput output) {
        assertThat(TestUpstream.server().findAll(anyRequestedFor(anyUrl()))).isEmpty();
        Logs.noErrorNorStackTrace(output);
    }

    @Test
    void aChunkSizeThatIsNotHexIsAMalformedBody() throws Exception {
        chunked("zz\r\n" + BODY + "\r\n0\r\n\r\n").isProblem(400, "malformed-body");
    }

    @Test
    void aNegativeChunkSizeIsAMalformedBody() throws Exception {
        chunked("-1\r\n" + BODY + "\r\n0\r\n\r\n").isProblem(400, "malformed-body");
    }

    @Test
    void anOversizedChunkSizeIsAMalformedBody() throws Exception {
        chunked("FFFFFFFFFFFFFFFFFFFF\r\n" + BODY + "\r\n0\r\n\r\n").isProblem(400, "malformed-body");
    }

    @Test
    void aChunkedBodyOverTheLimitIsTooLarge() throws Exception {
        String big = "{\"command_content\":\"" + "x".repeat(70_000) + "\",\"command_type\":\"SHELL\"}";
        chunked(Integer.toHexString(big.length()) + "\r\n" + big + "\r\n0\r\n\r\n").isProblem(413, "body-too-large");
    }

    @Test
    void aBodyCutShortIsAMalformedBody() throws Exception {
        byte[] request = (POST_HEAD + "Content-Length: 500\r\n\r\n" + BODY.substring(0, 40)).getBytes(StandardCharsets.UTF_8);
        RawHttp.send(port, request, Duration.ofSeconds(20), true).isProblem(400, "malformed-body");
    }

    @Test
    void aBodyThatNeverArrivesTimesOutWith408() throws Exception {
        long started = System.nanoTime();
        byte[] request = (POST_HEAD + "Content-Length: 500\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        Answer answer = RawHttp.send(port, request, Duration.ofSeconds(30), false);

        answer.isProblem(408, "request-timeout");
        // the tests' server.tomcat.connection-timeout is 3 s
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
    }

    @Test
    void aDuplicateContentLengthIsABadRequest() throws Exception {
        RawHttp.send(port, POST_HEAD + "Content-Length: " + BODY.length() + "\r\nContent-Length: " + BODY.length()
                + "\r\n\r\n" + BODY).isProblem(400, "bad-request");
    }

    @Test
    void twoHundredHeadersAreABadRequest() throws Exception {
        StringBuilder headers = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            headers.append("X-Filler-").append(i).append(": ").append(i).append("\r\n");
        }
        RawHttp.send(port, POST_HEAD + headers + "Content-Length: " + BODY.length() + "\r\n\r\n" + BODY)
                .isProblem(400, "bad-request");
    }

    @Test
    void aSixtyFourKilobyteHeaderIsABadRequest() throws Exception {
        Answer answer = RawHttp.send(port, POST_HEAD + "X-Filler: " + "a".repeat(64 * 1024) + "\r\nContent-Length: "
                + BODY.length() + "\r\n\r\n" + BODY);
        assertThat(answer.status()).isIn(400, 431);
        answer.isProblem(answer.status(), "bad-request");
    }

    @Test
    void anUnknownMethodIsRefused() throws Exception {
        Answer answer = RawHttp.send(port, "FOO " + PATH + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        answer.isProblem(answer.status(), answer.status() == 400 ? "bad-request" : "method-not-allowed");
        assertThat(answer.status()).isIn(400, 405, 501);
    }

    @Test
    void traceIsNotAllowedAndAllowNamesTheMethodsOfTheResource() throws Exception {
        Answer answer = RawHttp.send(port, "TRACE " + PATH + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        answer.isProblem(405, "method-not-allowed");
        assertThat(answer.header("Allow")).hasValue("POST");

        Answer listing = RawHttp.send(port, "TRACE /api/v1/executions HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        listing.isProblem(405, "method-not-allowed");
        assertThat(listing.header("Allow")).hasValue("GET");
    }

    @Test
    void theWebInfFolderIsNotFound() throws Exception {
        RawHttp.send(port, "GET /WEB-INF/web.xml HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                .isProblem(404, "not-found");
    }

    @Test
    void aBrokenRequestLineIsABadRequest() throws Exception {
        RawHttp.send(port, "GET /api/v1/me HTTP/1.1 extra\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                .isProblem(400, "bad-request");
    }

    @Test
    void theManagementPortAnswersItsContainersRefusalsAsProblemsToo() throws Exception {
        RawHttp.send(managementPort, "GET /actuator/health HTTP/1.1 extra\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                .isProblem(400, "bad-request");
        RawHttp.send(managementPort, "GET /WEB-INF/web.xml HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                .isProblem(404, "not-found");
        RawHttp.send(managementPort, "TRACE /actuator/health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                .isProblem(405, "method-not-allowed");
    }

    @Test
    void theCallersRequestIdIsKeptWhenTheBodyIsBroken() throws Exception {
        Answer answer = RawHttp.send(port, POST_HEAD + "X-Request-Id: broken-body-1\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "zz\r\n" + BODY + "\r\n0\r\n\r\n");
        answer.isProblem(400, "malformed-body");
        assertThat(answer.header("X-Request-Id")).hasValue("broken-body-1");
    }

    private Answer chunked(String chunks) throws Exception {
        return RawHttp.send(port, POST_HEAD + "Transfer-Encoding: chunked\r\n\r\n" + chunks);
    }
}
