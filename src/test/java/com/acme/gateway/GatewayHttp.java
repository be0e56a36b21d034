package com.acme.gateway;

import static com.acme.gateway.Fixtures.ALPHA;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Real HTTP requests to the gateway on its random port, as a caller sends them. */
public record GatewayHttp(int port) {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** POST of a script execution with the API key of team alpha; extra headers as name, value pairs. */
    public HttpResponse<String> submit(String pool, String query, String body, String... headers) {
        return submitBytes(ALPHA, pool, query, body.getBytes(java.nio.charset.StandardCharsets.UTF_8), headers);
    }

    /** POST with exactly these body bytes (malformed UTF-8 included) and this API key. */
    public HttpResponse<String> submitBytes(String apiKey, String pool, String query, byte[] body, String... headers) {
        return send(HttpRequest.newBuilder(uri("/api/v1/pools/" + pool + "/script-executions" + query))
                .header("X-API-Key", apiKey).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)), headers);
    }

    /** A problem+json answer of this status and type slug, with an X-Request-Id; returns its body. */
    public static JsonNode assertProblem(HttpResponse<String> response, int status, String slug) {
        org.assertj.core.api.Assertions.assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        org.assertj.core.api.Assertions.assertThat(response.headers().firstValue("Content-Type")).get().asString()
                .startsWith("application/problem+json");
        org.assertj.core.api.Assertions.assertThat(response.headers().firstValue("X-Request-Id")).isPresent();
        JsonNode problem = json(response);
        org.assertj.core.api.Assertions.assertThat(problem.get("type").asString())
                .isEqualTo("https://gateway.acme.com/problems/" + slug);
        return problem;
    }

    public HttpResponse<String> get(String pathAndQuery, String... headers) {
        return send(HttpRequest.newBuilder(uri(pathAndQuery)).header("X-API-Key", ALPHA).GET(), headers);
    }

    public static JsonNode json(HttpResponse<String> response) {
        return JsonMapper.shared().readTree(response.body());
    }

    private URI uri(String pathAndQuery) {
        return URI.create("http://localhost:" + port + pathAndQuery);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request, String... headers) {
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            return CLIENT.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
