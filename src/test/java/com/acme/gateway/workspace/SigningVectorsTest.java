package com.acme.gateway.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The published signing vectors, reproduced exactly. They are a copy kept in the test resources
 * ({@code src/test/resources/signing/signing-vectors.json}; sources in the README beside it), so that
 * a fresh clone needs nothing outside the repository.
 */
class SigningVectorsTest {

    private static final String VECTORS = "/signing/signing-vectors.json";

    record Vector(String name, String source, String method, String url, Map<String, String> headers,
            List<String> signedHeaders, byte @Nullable [] body, String accessKey, String secretKey,
            String authorization, JsonNode json) {

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Vector> vectors() {
        JsonNode root;
        try (InputStream in = SigningVectorsTest.class.getResourceAsStream(VECTORS)) {
            assertThat(in).as("signing vectors on the test classpath at %s", VECTORS).isNotNull();
            root = JsonMapper.builder().build().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return root.get("vectors").valueStream().map(SigningVectorsTest::vector);
    }

    static Stream<Vector> sdkVectors() {
        return vectors().filter(v -> v.source().startsWith("official SDK signer"));
    }

    private static Vector vector(JsonNode v) {
        Map<String, String> headers = new LinkedHashMap<>();
        v.get("headers").properties().forEach(e -> headers.put(e.getKey(), e.getValue().asString()));
        JsonNode body = v.get("body");
        return new Vector(v.get("name").asString(), v.get("source").asString(), v.get("method").asString(),
                v.get("url").asString(), headers, Arrays.asList(v.get("signed_headers").asString().split(";")),
                body.isNull() ? null : body.asString().getBytes(StandardCharsets.UTF_8),
                v.get("access_key").asString(), v.get("secret_key").asString(), v.get("authorization").asString(), v);
    }

    @Test
    void theVectorFileHoldsBothSdkAndSigningGuideVectors() {
        assertThat(vectors()).hasSizeGreaterThanOrEqualTo(7);
        assertThat(sdkVectors()).hasSizeGreaterThanOrEqualTo(5);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void signerReproducesThePublishedAuthorization(Vector v) {
        String authorization = RequestSigner.authorization(v.method(), URI.create(v.url()), v.headers(),
                v.signedHeaders(), v.body(), v.accessKey(), v.secretKey());

        assertThat(authorization).isEqualTo(v.authorization());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void canonicalPartsMatchWhereTheVectorPublishesThem(Vector v) throws Exception {
        String canonical = RequestSigner.canonicalRequest(v.method(), URI.create(v.url()), v.headers(),
                v.signedHeaders(), v.body());
        String[] lines = canonical.split("\n", -1);

        if (v.json().has("canonical_uri")) {
            assertThat(lines[1]).isEqualTo(v.json().get("canonical_uri").asString());
        }
        if (v.json().has("canonical_query")) {
            assertThat(lines[2]).isEqualTo(v.json().get("canonical_query").asString());
        }
        if (v.json().has("canonical_request_sha256")) {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            assertThat(HexFormat.of().formatHex(digest)).isEqualTo(v.json().get("canonical_request_sha256").asString());
        }
        assertThat(lines[1]).endsWith("/");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sdkVectors")
    void sdkOracleReproducesTheSdkVectors(Vector v) {
        String authorization = SdkSignatures.expectedAuthorization(v.method(), v.url(), v.headers(),
                v.signedHeaders(), v.body(), v.accessKey(), v.secretKey());

        assertThat(authorization).isEqualTo(v.authorization());
    }
}
