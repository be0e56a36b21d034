package org.springframework.boot.logging.logback;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.json.JsonWriter;
import org.springframework.boot.json.WritableJson;
import org.springframework.boot.logging.StackTracePrinter;
import org.springframework.boot.logging.structured.ContextPairs;
import org.springframework.boot.logging.structured.ElasticCommonSchemaProperties;
import org.springframework.boot.logging.structured.StructuredLoggingJsonMembersCustomizer;
import org.springframework.core.env.Environment;

/**
 * Spring Boot's ECS JSON format, byte for byte, at a fraction of its cost. Boot builds each line
 * through its generic {@code JsonWriter} (a lambda and a name check per member, a map for the
 * key-value pairs) and encodes it through an {@code OutputStreamWriter} that allocates a buffer per
 * character (spring-projects/spring-boot#49428): together about 3 % of the gateway's CPU under
 * load, for one line per request. The lines the gateway writes per request (no exception, no
 * marker, plain keys) are written here directly; every other event, and every event when
 * {@code logging.structured.json.*} customizes the format, goes to Boot's formatter. It lives in
 * Boot's package because Boot's ECS formatter is package-private.
 */
public class EcsStringFormatter extends ElasticCommonSchemaStructuredLogFormatter {

    private static final String ECS_VERSION = "\"ecs\":{\"version\":\"8.11\"}}\n";
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    /** {@code "process":{"pid":<pid>,"thread":{"name":} with the pid when Boot knows it. */
    private final String process;
    /** The {@code service} member Boot writes from {@code logging.structured.ecs.service.*}, with a comma; or empty. */
    private final String service;
    private final boolean customized;

    public EcsStringFormatter(Environment environment, StackTracePrinter stackTracePrinter, ContextPairs contextPairs,
            ThrowableProxyConverter throwableProxyConverter,
            StructuredLoggingJsonMembersCustomizer.Builder<?> customizerBuilder) {
        super(environment, stackTracePrinter, contextPairs, throwableProxyConverter, customizerBuilder);
        Long pid = environment.getProperty("spring.application.pid", Long.class);
        this.process = "\"process\":{" + (pid == null ? "" : "\"pid\":" + pid + ",") + "\"thread\":{\"name\":";
        String members = JsonWriter.<Object>of(ElasticCommonSchemaProperties.get(environment)::jsonMembers)
                .writeToString(environment);
        this.service = members.length() > 2 ? members.substring(1, members.length() - 1) + "," : "";
        this.customized = Binder.get(environment).bind("logging.structured.json", Bindable.mapOf(String.class, Object.class))
                .isBound();
    }

    @Override
    public String format(ILoggingEvent event) {
        String line = customized ? null : formatDirectly(event);
        return line != null ? line : super.format(event);
    }

    @Override
    public byte[] formatAsBytes(ILoggingEvent event, Charset charset) {
        return format(event).getBytes(charset);
    }

    /** The line as Boot writes it, or null when the event needs Boot's formatter. */
    @Nullable String formatDirectly(ILoggingEvent event) {
        List<Marker> markers = event.getMarkerList();
        Map<String, String> mdc = event.getMDCPropertyMap();
        List<KeyValuePair> pairs = event.getKeyValuePairs() == null ? List.of() : event.getKeyValuePairs();
        if (event.getThrowableProxy() != null || (markers != null && !markers.isEmpty()) || !plainKeys(mdc, pairs)) {
            return null;
        }
        StringBuilder json = new StringBuilder(1024);
        json.append("{\"@timestamp\":\"").append(event.getInstant()).append("\",\"log\":{\"level\":");
        string(json, event.getLevel());
        json.append(",\"logger\":");
        string(json, event.getLoggerName());
        json.append("},").append(process);
        string(json, event.getThreadName());
        json.append("}},").append(service).append("\"message\":");
        string(json, event.getFormattedMessage());
        for (Map.Entry<String, String> entry : mdc.entrySet()) {
            json.append(',');
            string(json, entry.getKey());
            json.append(':');
            string(json, entry.getValue());
        }
        for (KeyValuePair pair : pairs) {
            json.append(',');
            string(json, pair.key);
            json.append(':');
            if (!value(json, pair.value)) {
                return null;
            }
        }
        return json.append(',').append(ECS_VERSION).toString();
    }

    /** Keys Boot's nested pairs write as they are: no dot (which nests), none twice (which Boot refuses). */
    private static boolean plainKeys(Map<String, String> mdc, List<KeyValuePair> pairs) {
        for (String key : mdc.keySet()) {
            if (key == null || key.indexOf('.') >= 0) {
                return false;
            }
        }
        for (int i = 0; i < pairs.size(); i++) {
            String key = pairs.get(i).key;
            if (key == null || key.indexOf('.') >= 0 || mdc.containsKey(key)) {
                return false;
            }
            for (int j = 0; j < i; j++) {
                if (key.equals(pairs.get(j).key)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** A value as Boot's {@code JsonValueWriter} writes it; false for the kinds left to Boot (maps, arrays, Boot's own JSON). */
    private static boolean value(StringBuilder json, @Nullable Object value) {
        if (value == null) {
            json.append("null");
        } else if (value instanceof Number || value instanceof Boolean) {
            json.append(value);
        } else if (value instanceof Iterable<?> items && !(value instanceof Path)) { // a path is written as text
            json.append('[');
            boolean first = true;
            for (Object item : items) {
                if (!first) {
                    json.append(',');
                }
                first = false;
                if (!value(json, item)) {
                    return false;
                }
            }
            json.append(']');
        } else if (value instanceof Map || value instanceof WritableJson || value.getClass().isArray()) {
            return false;
        } else {
            string(json, value);
        }
        return true;
    }

    /** Boot's escaping: the JSON short escapes, {@code \\u} for other ISO control characters, the rest as is. */
    private static void string(StringBuilder json, Object value) {
        String text = value.toString();
        json.append('"');
        int plain = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String escaped = switch (c) {
                case '"' -> "\\\"";
                case '\\' -> "\\\\";
                case '\b' -> "\\b";
                case '\f' -> "\\f";
                case '\n' -> "\\n";
                case '\r' -> "\\r";
                case '\t' -> "\\t";
                default -> Character.isISOControl(c) ? "\\u" + HEX[c >> 12 & 0xF] + HEX[c >> 8 & 0xF] + HEX[c >> 4 & 0xF]
                        + HEX[c & 0xF] : null;
            };
            if (escaped != null) {
                json.append(text, plain, i).append(escaped);
                plain = i + 1;
            }
        }
        json.append(text, plain, text.length()).append('"');
    }
}
