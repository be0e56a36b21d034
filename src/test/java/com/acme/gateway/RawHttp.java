package com.acme.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends bytes no HTTP client would send (broken chunks, duplicate headers, cut-short bodies) over a
 * plain socket and reads the one answer. The request should say {@code Connection: close}.
 */
public final class RawHttp {

    private RawHttp() {
    }

    /** One answer: status, headers in order, body (de-chunked when the answer was chunked). */
    public record Answer(int status, List<String[]> headers, String body) {

        public Optional<String> header(String name) {
            return headers.stream().filter(h -> h[0].equalsIgnoreCase(name)).map(h -> h[1]).findFirst();
        }

        public JsonNode json() {
            return JsonMapper.shared().readTree(body);
        }

        /** Status, problem+json content type, problem type slug, and an X-Request-Id. */
        public Answer isProblem(int expectedStatus, String slug) {
            assertThat(status).as("status of %s", this).isEqualTo(expectedStatus);
            assertThat(header("Content-Type")).as("content type of %s", this).get().asString()
                    .startsWith("application/problem+json");
            JsonNode json = json();
            assertThat(json.get("type").asString()).as("type of %s", this)
                    .isEqualTo("https://gateway.acme.com/problems/" + slug);
            assertThat(json.get("status").asInt()).isEqualTo(expectedStatus);
            assertThat(json.get("title").asString()).isNotBlank();
            assertThat(json.get("detail").asString()).isNotBlank();
            assertThat(header("X-Request-Id")).as("X-Request-Id of %s", this).get().asString()
                    .matches("[A-Za-z0-9._:-]{1,128}");
            return this;
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    public static Answer send(int port, String request) throws IOException {
        return send(port, request.getBytes(StandardCharsets.ISO_8859_1), Duration.ofSeconds(20), false);
    }

    /**
     * Writes {@code request}, optionally half-closes the socket (the body is cut short), and reads
     * the answer until the server closes the connection or {@code timeout} passes.
     */
    public static Answer send(int port, byte[] request, Duration timeout, boolean halfClose) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout((int) timeout.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            if (halfClose) {
                socket.shutdownOutput();
            }
            return parse(readAll(socket.getInputStream()));
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) != -1; ) {
                bytes.write(buffer, 0, n);
                if (complete(bytes.toByteArray())) {
                    break;
                }
            }
        } catch (SocketTimeoutException | SocketException e) {
            // what arrived so far is the answer
        }
        return bytes.toByteArray();
    }

    /** A complete answer: headers and a body of the announced length, or the last chunk. */
    private static boolean complete(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            return false;
        }
        String head = text.substring(0, end).toLowerCase(Locale.ROOT);
        String body = text.substring(end + 4);
        if (head.contains("transfer-encoding: chunked")) {
            return body.endsWith("0\r\n\r\n");
        }
        for (String line : head.split("\r\n")) {
            if (line.startsWith("content-length:")) {
                return body.getBytes(StandardCharsets.ISO_8859_1).length >= Integer.parseInt(line.substring(15).strip());
            }
        }
        return false;
    }

    private static Answer parse(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        assertThat(end).as("a complete HTTP answer, got: %s", text).isPositive();
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        List<String[]> headers = new ArrayList<>();
        boolean chunked = false;
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            String name = lines[i].substring(0, colon).strip();
            String value = lines[i].substring(colon + 1).strip();
            headers.add(new String[] {name, value});
            chunked |= name.equalsIgnoreCase("Transfer-Encoding") && value.equalsIgnoreCase("chunked");
        }
        byte[] raw = text.substring(end + 4).getBytes(StandardCharsets.ISO_8859_1);
        byte[] body = chunked ? dechunk(raw) : raw;
        return new Answer(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    private static byte[] dechunk(byte[] raw) {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        while (at < text.length()) {
            int lineEnd = text.indexOf("\r\n", at);
            int size = Integer.parseInt(text.substring(at, lineEnd).strip(), 16);
            if (size == 0) {
                break;
            }
            out.writeBytes(text.substring(lineEnd + 2, lineEnd + 2 + size).getBytes(StandardCharsets.ISO_8859_1));
            at = lineEnd + 2 + size + 2;
        }
        return out.toByteArray();
    }
}
