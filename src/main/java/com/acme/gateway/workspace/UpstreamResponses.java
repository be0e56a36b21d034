package com.acme.gateway.workspace;

import com.acme.gateway.request.BodyBytes;
import com.acme.gateway.request.Ids;
import com.acme.gateway.workspace.UpstreamException.Failure;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Turns an upstream answer into a {@link StartedTask} or an {@link UpstreamException}, defensively. */
final class UpstreamResponses {

    /** Upstream answers are small JSON documents; anything bigger is garbage. */
    static final int MAX_BODY_BYTES = 64 * 1024;
    private static final int MAX_TEXT = 512;
    private static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(5);
    private static final Pattern ERROR_CODE = Pattern.compile("^[A-Za-z0-9._-]{1,64}$");
    private static final Pattern REQUEST_ID = Pattern.compile("^[A-Za-z0-9._-]{1,128}$");
    private static final Pattern MARKUP = Pattern.compile("<[^>]*>");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private UpstreamResponses() {
    }

    static StartedTask task(HttpStatusCode status, HttpHeaders headers, InputStream body) {
        String upstreamRequestId = safe(headers.getFirst("X-Request-Id"), REQUEST_ID);
        byte[] bytes = read(status, headers, body);
        JsonNode json = parse(bytes);
        if (status.is2xxSuccessful()) {
            String taskId = json == null ? null : text(json, "task_id");
            if (taskId == null || !Ids.isTaskId(taskId)) {
                throw failure(Failure.UNKNOWN, "upstream answered " + status.value() + " without a usable task_id",
                        status, json, upstreamRequestId, null);
            }
            return new StartedTask(taskId, upstreamRequestId, 1);
        }
        throw failure(classify(status.value(), json), "upstream answered " + status.value(), status, json,
                upstreamRequestId, retryAfter(headers));
    }

    /** A 2xx without a documented body (the stop call): its content does not matter; anything else fails. */
    static @Nullable String acknowledged(HttpStatusCode status, HttpHeaders headers, InputStream body) {
        String upstreamRequestId = safe(headers.getFirst("X-Request-Id"), REQUEST_ID);
        byte[] bytes = read(status, headers, body);
        if (status.is2xxSuccessful()) {
            return upstreamRequestId;
        }
        throw failure(classify(status.value(), parse(bytes)), "upstream answered " + status.value(), status,
                parse(bytes), upstreamRequestId, retryAfter(headers));
    }

    /**
     * A body that breaks off (a reset, a truncated chunk, an early end) is a lost connection like a
     * reset before the status line; a body that stops arriving is a read timeout.
     */
    private static byte[] read(HttpStatusCode status, HttpHeaders headers, InputStream body) {
        try {
            return BodyBytes.readAtMost(body, headers.getContentLength(), MAX_BODY_BYTES);
        } catch (SocketTimeoutException e) {
            throw UpstreamException.io(Failure.TIMED_OUT, "upstream answered " + status.value()
                    + " but its body did not arrive within the read timeout", e);
        } catch (IOException e) {
            throw UpstreamException.io(Failure.CONNECTION_LOST, "upstream answered " + status.value()
                    + " but its body broke off: " + e.getClass().getSimpleName(), e);
        }
    }

    private static Failure classify(int status, @Nullable JsonNode json) {
        String code = json == null ? null : text(json, "error_code");
        return switch (status) {
            case 400 -> Failure.REJECTED;
            case 401, 403 -> Failure.CREDENTIALS_REFUSED;
            // APIGW.0101 means "no such API": our endpoint or path is wrong, not the caller's pool
            case 404 -> "APIGW.0101".equals(code) ? Failure.FAILED : Failure.NOT_FOUND;
            case 429 -> Failure.THROTTLED;
            // Only the IAM-unavailable 503 is documented as "not processed"; any other 503 may have run
            case 503 -> "APIGW.0613".equals(code) ? Failure.THROTTLED : Failure.UNKNOWN;
            case 504 -> Failure.TIMED_OUT;
            default -> status >= 500 ? Failure.UNKNOWN : Failure.FAILED;
        };
    }

    private static UpstreamException failure(Failure failure, String message, HttpStatusCode status,
            @Nullable JsonNode json, @Nullable String upstreamRequestId, @Nullable Duration retryAfter) {
        String code = json == null ? null : safe(text(json, "error_code"), ERROR_CODE);
        String msg = json == null ? null : clean(text(json, "error_msg"));
        return new UpstreamException(failure, message + (code == null ? "" : " (" + code + ")"), status.value(), code,
                msg, upstreamRequestId, retryAfter, null);
    }

    private static @Nullable JsonNode parse(byte[] bytes) {
        if (bytes.length == 0 || bytes.length > MAX_BODY_BYTES) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(bytes);
            return node != null && node.isObject() ? node : null;
        } catch (JacksonException e) {
            return null;
        }
    }

    private static @Nullable String text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        return value != null && value.isString() ? value.asString() : null;
    }

    private static @Nullable String safe(@Nullable String value, Pattern allowed) {
        return value != null && allowed.matcher(value).matches() ? value : null;
    }

    /** Upstream text shown to callers: markup and control characters removed, length bounded. */
    static @Nullable String clean(@Nullable String text) {
        if (text == null) {
            return null;
        }
        String plain = MARKUP.matcher(text).replaceAll("").replaceAll("[\\p{Cntrl}<>]", " ").strip();
        return plain.length() > MAX_TEXT ? plain.substring(0, MAX_TEXT) + "…" : plain;
    }

    static @Nullable Duration retryAfter(HttpHeaders headers) {
        String value = headers.getFirst(HttpHeaders.RETRY_AFTER);
        if (value == null || !value.strip().matches("\\d{1,6}")) {
            return null;
        }
        Duration delay = Duration.ofSeconds(Long.parseLong(value.strip()));
        return delay.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : delay;
    }
}
