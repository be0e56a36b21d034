package com.acme.gateway.workspace;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * Huawei Cloud AK/SK request signing ({@code SDK-HMAC-SHA256}), byte for byte what the official
 * SDK's {@code AKSKSigner} produces. Path segments and query parameters are
 * decoded from the URI's wire form and re-encoded, so an already percent-encoded URI signs the same
 * as the SDK signing the decoded path; a {@code +} is a literal plus, not a space. Repeated query
 * parameters are sorted by value, as Huawei's reference signer does; the SDK keeps request order, so
 * send them already sorted and both agree.
 */
final class RequestSigner {

    static final String ALGORITHM = "SDK-HMAC-SHA256";
    static final String SDK_DATE_HEADER = "X-Sdk-Date";

    private static final DateTimeFormatter SDK_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final HexFormat HEX = HexFormat.of();
    private static final Comparator<Param> PARAM_ORDER = Comparator.comparing(Param::name).thenComparing(Param::value);

    private RequestSigner() {
    }

    static String sdkDate(Instant instant) {
        return SDK_DATE.format(instant);
    }

    /** The {@code Authorization} header value; {@code headers} must hold {@code X-Sdk-Date}. */
    static String authorization(String method, URI uri, Map<String, String> headers, List<String> signedHeaders,
            byte @Nullable [] body, String accessKey, String secretKey) {
        String date = caseInsensitive(headers).get(SDK_DATE_HEADER);
        if (date == null) {
            throw new IllegalArgumentException("the " + SDK_DATE_HEADER + " header is required for signing");
        }
        String canonical = canonicalRequest(method, uri, headers, signedHeaders, body);
        String stringToSign = String.join("\n", ALGORITHM, date, sha256Hex(canonical.getBytes(StandardCharsets.UTF_8)));
        return ALGORITHM + " Access=" + accessKey + ", SignedHeaders=" + String.join(";", names(signedHeaders))
                + ", Signature=" + hmacSha256Hex(secretKey, stringToSign);
    }

    static String canonicalRequest(String method, URI uri, Map<String, String> headers, List<String> signedHeaders,
            byte @Nullable [] body) {
        List<String> names = names(signedHeaders);
        return String.join("\n",
                method.toUpperCase(Locale.ROOT),
                canonicalUri(uri),
                canonicalQuery(uri),
                canonicalHeaders(uri, caseInsensitive(headers), names),
                String.join(";", names),
                sha256Hex(body == null ? new byte[0] : body));
    }

    /** The {@code Host} signed and sent: the URI's host, with the port only when not the scheme's default. */
    static String host(URI uri) {
        String host = uri.getHost();
        if (host == null) {
            throw new IllegalArgumentException("cannot sign a URI without a host: " + uri.getScheme() + "://...");
        }
        int port = uri.getPort();
        boolean defaultPort = port == -1
                || (port == 443 && "https".equalsIgnoreCase(uri.getScheme()))
                || (port == 80 && "http".equalsIgnoreCase(uri.getScheme()));
        return defaultPort ? host : host + ":" + port;
    }

    private static List<String> names(List<String> signedHeaders) {
        return signedHeaders.stream().map(name -> name.toLowerCase(Locale.ROOT)).distinct().sorted().toList();
    }

    private static String canonicalUri(URI uri) {
        String rawPath = uri.getRawPath() == null ? "" : uri.getRawPath();
        var out = new StringBuilder();
        for (String segment : rawPath.split("/")) {
            out.append(PercentEncoding.encode(PercentEncoding.decode(segment))).append('/');
        }
        return out.isEmpty() ? "/" : out.toString();
    }

    private static String canonicalQuery(URI uri) {
        String rawQuery = uri.getRawQuery();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        return Arrays.stream(rawQuery.split("&"))
                .filter(pair -> !pair.isEmpty())
                .map(Param::parse)
                .sorted(PARAM_ORDER)
                .map(param -> param.name() + "=" + param.value())
                .collect(Collectors.joining("&"));
    }

    private static String canonicalHeaders(URI uri, Map<String, String> headers, List<String> names) {
        var out = new StringBuilder();
        for (String name : names) {
            String value = headers.get(name);
            if (value == null && name.equals("host")) {
                value = host(uri);
            } else if (value == null) {
                throw new IllegalArgumentException("the header to sign is missing: " + name);
            }
            out.append(name).append(':').append(value.trim()).append('\n');
        }
        return out.toString();
    }

    private static Map<String, String> caseInsensitive(Map<String, String> headers) {
        Map<String, String> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        byName.putAll(headers);
        return byName;
    }

    static String sha256Hex(byte[] bytes) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private static String hmacSha256Hex(String key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HEX.formatHex(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** A query parameter in canonical (percent-encoded) form; a name without {@code =} has an empty value. */
    private record Param(String name, String value) {

        static Param parse(String pair) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            return new Param(PercentEncoding.encode(PercentEncoding.decode(name)),
                    PercentEncoding.encode(PercentEncoding.decode(value)));
        }
    }
}
