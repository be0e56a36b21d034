package com.acme.gateway.workspace;

import com.huaweicloud.sdk.core.auth.AKSKSigner;
import com.huaweicloud.sdk.core.auth.BasicCredentials;
import com.huaweicloud.sdk.core.http.HttpMethod;
import com.huaweicloud.sdk.core.http.HttpRequest;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The official SDK's signature ({@code huaweicloud-sdk-core} {@code AKSKSigner}) for a request given
 * in wire form, as the oracle for tests. The SDK takes a decoded path and decoded query values and
 * encodes them itself, so the URL is decoded here with the JDK's own decoders.
 *
 * <p>Limits, all from the SDK: it always signs {@code host} and every header it is given except
 * {@code Content-Type} and names containing {@code _} (so only signed headers are passed and a list
 * it cannot reproduce is rejected); it signs repeated query values in request order; it signs
 * {@code URL.getAuthority()} when no Host header is given, i.e. an explicit default port too;
 * query names must consist of unreserved characters; path segments must not contain an encoded
 * {@code /}, {@code ?} or {@code #}.
 */
public final class SdkSignatures {

    private SdkSignatures() {
    }

    public static String expectedAuthorization(String method, String url, Map<String, String> headers,
            List<String> signedHeaders, byte @Nullable [] body, String ak, String sk) {
        URI uri = URI.create(url);
        var builder = HttpRequest.newBuilder()
                .withMethod(HttpMethod.valueOf(method))
                .withEndpoint(uri.getScheme() + "://" + uri.getRawAuthority())
                .withPath(uri.getPath());
        queryInRequestOrder(uri).forEach(builder::addQueryParam);
        sdkHeaders(headers, signedHeaders).forEach(builder::addHeader);
        if (body != null) {
            builder.withBody(new ByteArrayInputStream(body));
        }
        String authorization = AKSKSigner.getInstance()
                .sign(builder.build(), new BasicCredentials().withAk(ak).withSk(sk))
                .get("Authorization");
        String expectedList = "SignedHeaders=" + String.join(";", signedHeaders.stream()
                .map(name -> name.toLowerCase(Locale.ROOT)).sorted().toList()) + ",";
        if (!authorization.contains(expectedList)) {
            throw new IllegalArgumentException("the SDK cannot sign exactly " + signedHeaders);
        }
        return authorization;
    }

    private static Map<String, String> sdkHeaders(Map<String, String> headers, List<String> signedHeaders) {
        List<String> signed = signedHeaders.stream().map(name -> name.toLowerCase(Locale.ROOT)).toList();
        Map<String, String> sdk = new LinkedHashMap<>();
        headers.forEach((name, value) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (signed.contains(lower)) {
                // The SDK looks these two up by exact name.
                sdk.put(switch (lower) {
                    case "host" -> "Host";
                    case "x-sdk-date" -> "X-Sdk-Date";
                    default -> name;
                }, value);
            }
        });
        if (!sdk.containsKey("X-Sdk-Date")) {
            throw new IllegalArgumentException("X-Sdk-Date must be given and signed, or the SDK uses the current time");
        }
        return sdk;
    }

    private static Map<String, List<String>> queryInRequestOrder(URI uri) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        String raw = uri.getRawQuery();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            params.computeIfAbsent(name, n -> new ArrayList<>()).add(eq < 0 ? "" : decode(pair.substring(eq + 1)));
        }
        return params;
    }

    /** URI decoding: a {@code +} is a literal plus here, not a form-encoded space. */
    private static String decode(String value) {
        return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
