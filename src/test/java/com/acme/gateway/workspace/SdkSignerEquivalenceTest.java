package com.acme.gateway.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import com.huaweicloud.sdk.core.utils.SignUtils;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.web.util.UriUtils;

/**
 * {@link RequestSigner} against the official SDK's {@code AKSKSigner} (through {@link SdkSignatures})
 * on generated requests, in the wire form Spring's URI encoding produces.
 *
 * <p>Inputs avoid what the SDK itself gets wrong or cannot express, so that a difference can only be
 * ours: repeated query values are generated already sorted by their encoded form (the SDK signs them
 * in request order, Huawei's reference signer and the server sort them); query names use unreserved
 * characters only (the SDK puts raw names into its URL and signs both forms otherwise); path
 * segments hold no {@code /}, {@code ?}, {@code #} or dot segments, and the last one does not end
 * in a space (the SDK builds a {@code java.net.URL}, which trims it away); ports are absent or not the
 * scheme's default (the SDK signs an explicit {@code :443}, the gateway sends and signs the host without it);
 * header values carry no surrounding whitespace (the SDK does not trim them).
 */
class SdkSignerEquivalenceTest {

    private static final int REQUESTS = 2_000;
    private static final String[] METHODS = {"GET", "POST", "PUT", "DELETE"};
    private static final String[] HOSTS = {"workspace.ap-southeast-1.myhuaweicloud.com", "localhost", "127.0.0.1", "h.example.com"};
    private static final String[] QUERY_NAMES = {"task_id", "limit", "offset", "a", "a-b", "a.b", "a_b", "A", "Z~", "status"};
    private static final String[] ALPHABET = {
        "a", "Z", "0", "9", "-", ".", "_", "~",                                                    // unreserved
        "!", "$", "&", "'", "(", ")", "*", "+", ",", ";", "=", ":", "@", "[", "]",                 // reserved
        " ", "%", "\"", "<", ">", "{", "}", "|", "^", "`", "\\",                                   // must be escaped
        "é", "ü", "✓", "中", "日本", "😀", "ß"};                                                    // unicode
    private static final String[] BODIES = {"{}", "{\"script_ids\":[\"0006e69f-5970-4af5-a652-e111055e630b\"]}",
        "{\"command_content\":\"Write-Output 'héllo wörld ✓'; exit 0\",\"command_type\":\"POWERSHELL\"}"};

    private final Random random = new Random(20261127L);

    record Case(String method, String url, Map<String, String> headers, List<String> signedHeaders,
            byte @Nullable [] body, String accessKey, String secretKey) {
    }

    @Test
    void signsEveryGeneratedRequestExactlyLikeTheSdk() {
        List<Case> cases = IntStream.range(0, REQUESTS).mapToObj(i -> generate()).toList();
        List<String> mismatches = new ArrayList<>();

        for (Case c : cases) {
            String ours = RequestSigner.authorization(c.method(), URI.create(c.url()), c.headers(), c.signedHeaders(),
                    c.body(), c.accessKey(), c.secretKey());
            String sdk = SdkSignatures.expectedAuthorization(c.method(), c.url(), c.headers(), c.signedHeaders(),
                    c.body(), c.accessKey(), c.secretKey());
            if (!ours.equals(sdk)) {
                mismatches.add(c.method() + " " + c.url());
            }
        }

        assertThat(cases).hasSize(REQUESTS);
        assertThat(mismatches).as("requests signed differently from the SDK, of %d", REQUESTS).isEmpty();
    }

    @Test
    void generatedRequestsCoverTheInterestingShapes() {
        List<Case> cases = IntStream.range(0, REQUESTS).mapToObj(i -> generate()).toList();

        assertThat(cases).anyMatch(c -> c.url().contains("%20") && c.url().contains("%25"))
                .anyMatch(c -> c.url().contains("%F0%9F%98%80"))
                .anyMatch(c -> c.url().matches("https?://[^/]+:\\d+.*"))
                .anyMatch(c -> c.headers().containsKey("X-Security-Token"))
                .anyMatch(c -> !c.headers().containsKey("Host"))
                .anyMatch(c -> c.body() != null && c.body().length == 0)
                .anyMatch(c -> c.body() == null)
                .anyMatch(c -> c.url().matches(".*[?&]([\\w.~-]+)=[^&]*&\\1=.*"))
                .anyMatch(c -> c.url().matches(".*[?&][\\w.~-]+=(&.*)?$"));
        assertThat(cases).extracting(Case::method).contains(METHODS);
    }

    private Case generate() {
        String method = pick(METHODS);
        boolean https = random.nextBoolean();
        String host = pick(HOSTS);
        String port = random.nextInt(3) == 0 ? ":" + nonDefaultPort() : "";
        String url = (https ? "https://" : "http://") + host + port + path() + query();
        Map<String, String> headers = new LinkedHashMap<>();
        if (random.nextBoolean()) {
            headers.put("Host", host + port);
        }
        headers.put("X-Sdk-Date", RequestSigner.sdkDate(Instant.ofEpochSecond(1_500_000_000L + random.nextInt(400_000_000))));
        headers.put("X-Project-Id", hex(16));
        List<String> signed = new ArrayList<>(List.of("host", "x-project-id", "x-sdk-date"));
        if (random.nextBoolean()) {
            headers.put("X-Security-Token", text(1 + random.nextInt(40), "A", "z", "0", "+", "/", "=", "-", "_"));
            signed.add("x-security-token");
        }
        headers.put("Content-Type", "application/json;charset=UTF-8");
        return new Case(method, url, headers, signed, body(method), "AK" + hex(10), hex(20));
    }

    private String path() {
        int segments = random.nextInt(6);
        var path = new StringBuilder(segments == 0 && random.nextBoolean() ? "/" : "");
        for (int i = 0; i < segments; i++) {
            String segment = text(1 + random.nextInt(8), ALPHABET);
            if (i == segments - 1 && segment.endsWith(" ")) {
                segment += "a";
            }
            path.append('/').append(segment.equals(".") ? "dot" : UriUtils.encodePathSegment(segment, StandardCharsets.UTF_8));
        }
        return segments > 0 && random.nextInt(8) == 0 ? path + "/" : path.toString();
    }

    private String query() {
        List<String> pairs = new ArrayList<>();
        for (int i = random.nextInt(5); i > 0; i--) {
            String name = pick(QUERY_NAMES);
            if (pairs.stream().anyMatch(p -> p.startsWith(name + "="))) {
                continue;
            }
            IntStream.range(0, 1 + random.nextInt(3))
                    .mapToObj(v -> random.nextInt(5) == 0 ? "" : text(random.nextInt(10), ALPHABET))
                    .sorted(Comparator.comparing(value -> SignUtils.urlEncode(value, false)))
                    .forEach(value -> pairs.add(name + "=" + UriUtils.encodeQueryParam(value, StandardCharsets.UTF_8)));
        }
        return pairs.isEmpty() ? "" : pairs.stream().collect(Collectors.joining("&", "?", ""));
    }

    private byte @Nullable [] body(String method) {
        return switch (random.nextInt(4)) {
            case 0 -> null;
            case 1 -> new byte[0];
            case 2 -> pick(BODIES).getBytes(StandardCharsets.UTF_8);
            default -> text(random.nextInt(200), ALPHABET).getBytes(StandardCharsets.UTF_8);
        };
    }

    private int nonDefaultPort() {
        int port = 1 + random.nextInt(65_535);
        return port == 80 || port == 443 ? 8443 : port;
    }

    private String text(int length, String... alphabet) {
        var text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.append(pick(alphabet));
        }
        return text.toString();
    }

    private String hex(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }
}
