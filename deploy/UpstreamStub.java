import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A stand-in for the Workspace API used by deploy/image-test: answers an execute request with a task
 * id only when its SDK-HMAC-SHA256 signature verifies against the AK/SK in the given directory (the
 * same files the container reads), and 401 otherwise. Written independently of the gateway's signer.
 *
 * <p>Usage: {@code java UpstreamStub.java <credentials-dir> <port-file>}; listens on 127.0.0.1 on a
 * free port, written to the port file once listening.
 */
public class UpstreamStub {

    private static final HexFormat HEX = HexFormat.of();

    public static void main(String[] args) throws Exception {
        Path credentials = Path.of(args[0]);
        String accessKey = Files.readString(credentials.resolve("access-key")).strip();
        String secretKey = Files.readString(credentials.resolve("secret-key")).strip();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> answer(exchange, accessKey, secretKey));
        server.start();
        Files.writeString(Path.of(args[1]), Integer.toString(server.getAddress().getPort()));
        System.out.println("stub: listening on 127.0.0.1:" + server.getAddress().getPort());
    }

    private static void answer(HttpExchange exchange, String accessKey, String secretKey) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        String line = exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath();
        boolean valid;
        try {
            valid = authorization != null && authorization.equals(expected(exchange, body, accessKey, secretKey));
        } catch (RuntimeException e) {
            valid = false;
        }
        String json = valid
                ? "{\"task_id\":\"" + UUID.randomUUID() + "\"}"
                : "{\"error_code\":\"APIGW.0301\",\"error_msg\":\"Incorrect IAM authentication information\"}";
        System.out.println("stub: " + line + (valid ? " signature verified, access key " + accessKey
                : " signature INVALID: " + authorization));
        byte[] out = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(valid ? 200 : 401, out.length);
        exchange.getResponseBody().write(out);
        exchange.close();
    }

    private static String expected(HttpExchange exchange, byte[] body, String accessKey, String secretKey) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        String signedList = authorization.replaceAll(".*SignedHeaders=([^,]+),.*", "$1");
        List<String> names = Arrays.asList(signedList.split(";"));
        var headers = new StringBuilder();
        for (String name : names) {
            headers.append(name).append(':').append(exchange.getRequestHeaders().getFirst(name).trim()).append('\n');
        }
        URI uri = exchange.getRequestURI();
        String canonical = String.join("\n", exchange.getRequestMethod(), canonicalPath(uri.getRawPath()),
                canonicalQuery(uri.getRawQuery()), headers.toString(), signedList, sha256(body));
        String date = exchange.getRequestHeaders().getFirst("X-Sdk-Date");
        String stringToSign = "SDK-HMAC-SHA256\n" + date + "\n" + sha256(canonical.getBytes(StandardCharsets.UTF_8));
        return "SDK-HMAC-SHA256 Access=" + accessKey + ", SignedHeaders=" + signedList + ", Signature="
                + hmac(secretKey, stringToSign);
    }

    private static String canonicalPath(String rawPath) {
        return Arrays.stream(rawPath.split("/")).map(segment -> encode(decode(segment)) + "/").collect(Collectors.joining());
    }

    private static String canonicalQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        List<String> pairs = new ArrayList<>();
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            pairs.add(encode(decode(name)) + "=" + encode(decode(value)));
        }
        pairs.sort(null);
        return String.join("&", pairs);
    }

    private static String decode(String value) {
        return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String encode(String value) {
        var out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if (Character.isLetterOrDigit(c) && c < 128 || "-._~".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(HEX.withUpperCase().toHexDigits(b));
            }
        }
        return out.toString();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hmac(String key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HEX.formatHex(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
