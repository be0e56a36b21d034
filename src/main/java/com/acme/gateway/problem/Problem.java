package com.acme.gateway.problem;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.swagger.v3.oas.annotations.media.Schema;
import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * One RFC 9457 problem body, and its only JSON form ({@link #json()}): type, title, status, detail,
 * instance, then the extensions in the order they were added; absent values are left out.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"type", "title", "status", "detail", "instance"})
@Schema(name = "Problem", description = "RFC 9457 problem details; extension members such as errors, reasons or "
        + "request_id depend on the type", additionalProperties = Schema.AdditionalPropertiesValue.TRUE)
public record Problem(String type, String title, int status, String detail, @Nullable String instance,
        @JsonIgnore Map<String, Object> extensions) {

    /** How long callers are asked to wait when a store the gateway needs is unavailable. */
    public static final long RETRY_AFTER_SECONDS = 5;
    public static final String CONTENT_TYPE = "application/problem+json";
    private static final JsonMapper JSON = JsonMapper.shared();

    public Problem {
        Map<String, Object> present = new LinkedHashMap<>();
        extensions.forEach((name, value) -> {
            if (value != null) {
                present.put(name, value);
            }
        });
        extensions = Collections.unmodifiableMap(present);
    }

    public static Problem of(ProblemType type, String detail) {
        return new Problem(type.type().toString(), type.title(), type.status(), detail, null, Map.of());
    }

    /** Every violation of a request in one problem, listed under {@code errors}. */
    public static Problem invalid(ProblemType type, List<FieldError> errors) {
        String detail = errors.size() == 1 ? errors.getFirst().detail()
                : errors.size() + " problems with the request; see errors";
        return of(type, detail).with("errors", List.copyOf(errors));
    }

    /** A status without a type of its own: RFC 9457's {@code about:blank}, titled with the status phrase. */
    public static Problem plain(int status, String title, String detail) {
        return new Problem("about:blank", title, status, detail, null, Map.of());
    }

    /** The same problem about the resource at {@code path}; none when the path is no valid URI reference. */
    public Problem at(@Nullable String path) {
        return new Problem(type, title, status, detail, path != null && isUri(path) ? path : null, extensions);
    }

    /** The same problem with one more extension member; a null value is left out. */
    public Problem with(String name, @Nullable Object value) {
        Map<String, @Nullable Object> more = new LinkedHashMap<>(extensions);
        more.put(name, value);
        return new Problem(type, title, status, detail, instance, more);
    }

    @JsonAnyGetter
    Map<String, Object> members() {
        return extensions;
    }

    private static boolean isUri(String path) {
        try {
            URI.create(path);
            return true;
        } catch (IllegalArgumentException notAUri) {
            return false;
        }
    }

    public String json() {
        return JSON.writeValueAsString(this);
    }
}
