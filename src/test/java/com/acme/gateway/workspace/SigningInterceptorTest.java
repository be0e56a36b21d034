package com.acme.gateway.workspace;

import static com.acme.gateway.Fixtures.POOL;
import static org.assertj.core.api.Assertions.assertThat;

import com.acme.gateway.MutableClock;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.mock.http.client.MockClientHttpRequest;
import org.springframework.mock.http.client.MockClientHttpResponse;

class SigningInterceptorTest {

    // The seed-example and temporary-credentials vectors of signing-vectors.json.
    private static final String AK = "HPUAEXAMPLEACCESSKEY1";
    private static final String SK = "ExampleSecretKey0123456789abcdefABCDEF0123";
    private static final String TOKEN = "ExampleSecurityTokenValue+/=";
    private static final String PROJECT = "0bec5db98280d2d02fd6c00c2de791ce";
    private static final String EXECUTE_URL = "https://workspace.ap-southeast-1.myhuaweicloud.com/v2/" + PROJECT
            + "/desktop-pools/" + POOL + "/script-executions";
    private static final byte[] SEED_BODY = ("{\"script_ids\":[\"0006e69f-5970-4af5-a652-e111055e630b\"],"
            + "\"gray_desktop_ids\":[\"00298bb0-104a-4467-9b15-876c6fb7a99f\"],\"post_finish\":\"reboot\"}")
            .getBytes(StandardCharsets.UTF_8);

    private final RecordingExecution execution = new RecordingExecution();

    @Test
    void signsTheRequestWithDateProjectAndHostLikeTheSdk() throws Exception {
        var interceptor = new SigningInterceptor(PROJECT, keys(null), clockAt("2026-11-27T10:15:00Z"));
        var request = new MockClientHttpRequest(HttpMethod.POST, URI.create(EXECUTE_URL));
        request.getHeaders().set(HttpHeaders.CONTENT_TYPE, "application/json;charset=UTF-8");

        interceptor.intercept(request, SEED_BODY, execution);

        HttpHeaders sent = execution.lastHeaders();
        assertThat(sent.getFirst("X-Sdk-Date")).isEqualTo("20261127T101500Z");
        assertThat(sent.getFirst("X-Project-Id")).isEqualTo(PROJECT);
        assertThat(sent.containsHeader("X-Security-Token")).isFalse();
        assertThat(sent.get(HttpHeaders.HOST)).containsExactly("workspace.ap-southeast-1.myhuaweicloud.com");
        assertThat(sent.get(HttpHeaders.AUTHORIZATION)).containsExactly(
                "SDK-HMAC-SHA256 Access=HPUAEXAMPLEACCESSKEY1, SignedHeaders=host;x-project-id;x-sdk-date, "
                        + "Signature=97402e3da7ab2de78b2d5b53ad834b30e726f81d2bd6cd90c948b808b52b108c")
                .containsExactly(sdkAuthorization("POST", EXECUTE_URL, sent, SEED_BODY));
        assertThat(execution.bodies).containsExactly(SEED_BODY);
    }

    @Test
    void sendsAndSignsTheSecurityTokenOfTemporaryCredentials() throws Exception {
        var interceptor = new SigningInterceptor(PROJECT, keys(TOKEN), clockAt("2026-11-27T10:15:03Z"));
        byte[] body = "{\"script_ids\":[\"0006e69f-5970-4af5-a652-e111055e630b\"]}".getBytes(StandardCharsets.UTF_8);

        interceptor.intercept(new MockClientHttpRequest(HttpMethod.POST, URI.create(EXECUTE_URL)), body, execution);

        HttpHeaders sent = execution.lastHeaders();
        assertThat(sent.getFirst("X-Security-Token")).isEqualTo(TOKEN);
        assertThat(sent.getFirst(HttpHeaders.AUTHORIZATION))
                .isEqualTo("SDK-HMAC-SHA256 Access=HPUAEXAMPLEACCESSKEY1, "
                        + "SignedHeaders=host;x-project-id;x-sdk-date;x-security-token, "
                        + "Signature=67645e75b8f1ef7f500f0a21a0808e7f7dacf71e5473011fb23c52d07063e95c")
                .isEqualTo(sdkAuthorization("POST", EXECUTE_URL, sent, body));
    }

    @Test
    void everyAttemptGetsAFreshDateAndSignatureReplacingTheStaleOnes() throws Exception {
        var clock = new MutableClock(Instant.parse("2026-11-27T10:15:00Z"));
        var interceptor = new SigningInterceptor(PROJECT, keys(null), clock);
        var request = new MockClientHttpRequest(HttpMethod.POST, URI.create(EXECUTE_URL));

        interceptor.intercept(request, SEED_BODY, execution);
        String firstAuthorization = execution.lastHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        clock.set(Instant.parse("2026-11-27T10:15:07Z"));
        interceptor.intercept(request, SEED_BODY, execution);

        HttpHeaders retry = execution.lastHeaders();
        assertThat(retry.get("X-Sdk-Date")).containsExactly("20261127T101507Z");
        assertThat(retry.get(HttpHeaders.AUTHORIZATION)).hasSize(1)
                .doesNotContain(firstAuthorization)
                .containsExactly(sdkAuthorization("POST", EXECUTE_URL, retry, SEED_BODY));
    }

    @Test
    void signsTheQueryAndANonDefaultPortOfAStatusLookup() throws Exception {
        var interceptor = new SigningInterceptor(PROJECT, keys(null), clockAt("2026-11-27T10:15:04Z"));
        String url = "http://localhost:8089/v2/" + PROJECT + "/desktop-pools/script-execution-tasks/detail"
                + "?task_id=00298bb0-104a-4467-9b15-876c6fb7a99f&task_id=a130ab3a-72bf-4b71-baa9-af4987c8e338&limit=10";
        var request = new MockClientHttpRequest(HttpMethod.GET, URI.create(url));
        request.getHeaders().set(HttpHeaders.AUTHORIZATION, "stale");

        interceptor.intercept(request, new byte[0], execution);

        HttpHeaders sent = execution.lastHeaders();
        assertThat(sent.get(HttpHeaders.HOST)).containsExactly("localhost:8089");
        assertThat(sent.get(HttpHeaders.AUTHORIZATION)).containsExactly(sdkAuthorization("GET", url, sent, null));
    }

    @Test
    void sendsTheHostItSignsWithoutAnExplicitDefaultPort() throws Exception {
        var interceptor = new SigningInterceptor(PROJECT, keys(null), clockAt("2026-11-27T10:15:00Z"));
        String url = EXECUTE_URL.replace(".com/", ".com:443/");

        interceptor.intercept(new MockClientHttpRequest(HttpMethod.POST, URI.create(url)), SEED_BODY, execution);

        HttpHeaders sent = execution.lastHeaders();
        assertThat(sent.get(HttpHeaders.HOST)).containsExactly("workspace.ap-southeast-1.myhuaweicloud.com");
        assertThat(sent.get(HttpHeaders.AUTHORIZATION))
                .containsExactly(sdkAuthorization("POST", EXECUTE_URL, sent, SEED_BODY));
    }

    @Test
    void treatsABlankSecurityTokenAsPermanentCredentials() throws Exception {
        var interceptor = new SigningInterceptor(PROJECT, keys("  "), clockAt("2026-11-27T10:15:00Z"));

        interceptor.intercept(new MockClientHttpRequest(HttpMethod.POST, URI.create(EXECUTE_URL)), SEED_BODY, execution);

        assertThat(execution.lastHeaders().containsHeader("X-Security-Token")).isFalse();
        assertThat(execution.lastHeaders().getFirst(HttpHeaders.AUTHORIZATION))
                .contains("SignedHeaders=host;x-project-id;x-sdk-date,");
    }

    @Test
    void anAttemptInFlightDuringARotationKeepsItsPairAndTheNextAttemptSignsWithTheNewOne() throws Exception {
        var current = new AtomicReference<>(new AccessKeys(AK, SK, null));
        var interceptor = new SigningInterceptor(PROJECT, current::get, clockAt("2026-11-27T10:15:00Z"));
        ClientHttpRequestExecution rotatingWhileOnTheWire = (request, body) -> {
            current.set(new AccessKeys("HPUAROTATEDACCESSKEY2", "RotatedSecretKey0123456789abcdefABCDEF01", null));
            return execution.execute(request, body);
        };

        interceptor.intercept(new MockClientHttpRequest(HttpMethod.POST, URI.create(EXECUTE_URL)), SEED_BODY,
                rotatingWhileOnTheWire);
        HttpHeaders inFlight = execution.lastHeaders();
        interceptor.intercept(new MockClientHttpRequest(HttpMethod.POST, URI.create(EXECUTE_URL)), SEED_BODY, execution);
        HttpHeaders next = execution.lastHeaders();

        assertThat(inFlight.getFirst(HttpHeaders.AUTHORIZATION)).isEqualTo(sdkAuthorization("POST", EXECUTE_URL, inFlight, SEED_BODY));
        assertThat(next.getFirst(HttpHeaders.AUTHORIZATION)).contains("Access=HPUAROTATEDACCESSKEY2,")
                .isEqualTo(sdkAuthorization("POST", EXECUTE_URL, next, SEED_BODY,
                        "HPUAROTATEDACCESSKEY2", "RotatedSecretKey0123456789abcdefABCDEF01"));
    }

    private static String sdkAuthorization(String method, String url, HttpHeaders sent, byte @Nullable [] body) {
        return sdkAuthorization(method, url, sent, body, AK, SK);
    }

    private static String sdkAuthorization(String method, String url, HttpHeaders sent, byte @Nullable [] body,
            String ak, String sk) {
        Map<String, String> signed = new LinkedHashMap<>();
        List<String> names = new ArrayList<>(List.of("host"));
        for (String name : List.of("X-Sdk-Date", "X-Project-Id", "X-Security-Token")) {
            if (sent.containsHeader(name)) {
                signed.put(name, sent.getFirst(name));
                names.add(name.toLowerCase(Locale.ROOT));
            }
        }
        return SdkSignatures.expectedAuthorization(method, url, signed, names, body, ak, sk);
    }

    private static Supplier<AccessKeys> keys(@Nullable String securityToken) {
        AccessKeys pair = new AccessKeys(AK, SK, securityToken);
        return () -> pair;
    }

    private static Clock clockAt(String instant) {
        return Clock.fixed(Instant.parse(instant), ZoneOffset.UTC);
    }

    /** Stands in for the HTTP client: records what would be sent. */
    private static final class RecordingExecution implements ClientHttpRequestExecution {
        private final List<HttpHeaders> headers = new ArrayList<>();
        private final List<byte[]> bodies = new ArrayList<>();

        @Override
        public ClientHttpResponse execute(HttpRequest request, byte[] body) {
            headers.add(HttpHeaders.copyOf(request.getHeaders()));
            bodies.add(body);
            return new MockClientHttpResponse(new byte[0], HttpStatus.OK);
        }

        HttpHeaders lastHeaders() {
            return headers.getLast();
        }
    }
}
