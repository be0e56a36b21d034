package org.springframework.boot.logging.logback;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.slf4j.MarkerFactory;
import org.slf4j.event.KeyValuePair;
import org.springframework.core.env.Environment;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.test.util.ReflectionTestUtils;

/**
 * The gateway's ECS formatter writes exactly the bytes of Spring Boot's {@code ecs} format: the
 * lines it writes itself, and those it leaves to Boot.
 */
class EcsStringFormatterTest {

    /** Every character Boot escapes, and some it does not. */
    private static final String AWKWARD = IntStream.range(0, 0xA0).mapToObj(c -> String.valueOf((char) c))
            .collect(Collectors.joining()) + " / \u2028 ünïcödé 🚀 a lone surrogate \ud800 becomes '?'";

    /** Boot's {@code ecs} encoder and the gateway's, on one logger context. */
    private record Encoders(LoggerContext context, StructuredLogEncoder boots, StructuredLogEncoder gateways) {

        static Encoders on(MockEnvironment environment) {
            var context = new LoggerContext();
            context.putObject(Environment.class.getName(), environment);
            return new Encoders(context, encoder(context, "ecs"), encoder(context, EcsStringFormatter.class.getName()));
        }

        EcsStringFormatter formatter() {
            return (EcsStringFormatter) Objects.requireNonNull(ReflectionTestUtils.getField(gateways, "formatter"));
        }

        /** The gateway's line, after checking it is Boot's, byte for byte (compared as text for a readable diff). */
        String sameAsBoots(LoggingEvent event) {
            String line = new String(gateways.encode(event), StandardCharsets.UTF_8);
            assertThat(line).as(event.getMessage()).isEqualTo(new String(boots.encode(event), StandardCharsets.UTF_8));
            return line;
        }
    }

    @Test
    void writesTheGatewaysLinesItselfAsBootDoes() {
        var encoders = Encoders.on(new MockEnvironment().withProperty("logging.structured.ecs.service.name",
                "workspace-script-gateway").withProperty("spring.application.pid", "4242"));
        var context = encoders.context();

        List<LoggingEvent> events = new ArrayList<>();
        events.add(event(context, "script execution {}", Map.of("request_id", "req-ü-1"), requestPairs()));
        events.add(event(context, AWKWARD, Map.of("request_id", AWKWARD), List.of(new KeyValuePair("team", AWKWARD))));
        events.add(event(context, "no pairs", Map.of(), List.of()));
        events.add(event(context, "several MDC entries", mdc(), List.of(new KeyValuePair("status", 202))));
        events.add(event(context, "values of every kind", Map.of(), List.of(new KeyValuePair("instant", Instant.EPOCH),
                new KeyValuePair("uuid", UUID.fromString("01a24cd1-666b-7d77-b8b5-06907a7d1a26")),
                new KeyValuePair("duration", Duration.ofMillis(1500)), new KeyValuePair("level", Level.WARN),
                new KeyValuePair("double", 1.5), new KeyValuePair("nested", List.of(List.of(1, 2), List.of())),
                new KeyValuePair("set", new TreeSet<>(List.of("b", "a"))), new KeyValuePair("empty", ""),
                new KeyValuePair("path", Path.of("/tmp/x")))));
        for (LoggingEvent event : events) {
            assertThat(encoders.formatter().formatDirectly(event)).as(event.getMessage()).isNotNull();
            encoders.sameAsBoots(event);
        }
    }

    @Test
    void leavesEveryOtherEventToBoot() {
        var encoders = Encoders.on(new MockEnvironment().withProperty("logging.structured.ecs.service.name",
                "workspace-script-gateway"));
        var context = encoders.context();

        var failed = event(context, "failed", Map.of(), List.of());
        failed.setThrowableProxy(new ThrowableProxy(new IllegalStateException("boom")));
        var marked = event(context, "marked", Map.of(), List.of());
        marked.addMarker(MarkerFactory.getMarker("COMMONS-LOGGING"));
        var dotted = event(context, "dotted", Map.of("trace.id", "abc"), List.of(new KeyValuePair("span.id", "def")));
        var map = event(context, "a map", Map.of(), List.of(new KeyValuePair("details", Map.of("a", 1))));
        var array = event(context, "an array", Map.of(), List.of(new KeyValuePair("ids", new String[] {"a", "b"})));
        for (LoggingEvent event : List.of(failed, marked, dotted, map, array)) {
            assertThat(encoders.formatter().formatDirectly(event)).as(event.getMessage()).isNull();
            encoders.sameAsBoots(event);
        }
    }

    @Test
    void leavesEveryEventToBootWhenTheFormatIsCustomized() {
        var encoders = Encoders.on(new MockEnvironment().withProperty("logging.structured.json.exclude", "process.thread")
                .withProperty("logging.structured.json.rename.message", "msg"));

        var event = event(encoders.context(), "script execution {}", Map.of("request_id", "r-1"), requestPairs());
        assertThat(encoders.sameAsBoots(event)).contains("\"msg\":\"script execution submitted\"").doesNotContain("thread");
    }

    private static List<KeyValuePair> requestPairs() {
        return List.of(new KeyValuePair("event", "script_execution"), new KeyValuePair("team", "zürich \"quoted\""),
                new KeyValuePair("script_ids", List.of("0006e69f-5970-4af5-a652-e111055e630b", "x\ny")),
                new KeyValuePair("desktop_count", 3), new KeyValuePair("duration_ms", 12L),
                new KeyValuePair("dry_run", false), new KeyValuePair("task_id", null));
    }

    private static Map<String, String> mdc() {
        var mdc = new LinkedHashMap<String, String>();
        Arrays.asList("request_id", "user", "tenant", "zone").forEach(key -> mdc.put(key, key + "-value"));
        return mdc;
    }

    private static StructuredLogEncoder encoder(LoggerContext context, String format) {
        var encoder = new StructuredLogEncoder();
        encoder.setContext(context);
        encoder.setFormat(format);
        encoder.setCharset(StandardCharsets.UTF_8);
        encoder.start();
        return encoder;
    }

    private static LoggingEvent event(LoggerContext context, String message, Map<String, String> mdc, List<KeyValuePair> pairs) {
        var event = new LoggingEvent(EcsStringFormatterTest.class.getName(), context.getLogger("com.acme.gateway.execution"),
                Level.INFO, message, null, new Object[] {"submitted"});
        event.setInstant(Instant.parse("2026-12-06T12:00:00.123456789Z"));
        event.setThreadName("tomcat-handler-7");
        event.setMDCPropertyMap(mdc);
        pairs.forEach(event::addKeyValuePair);
        return event;
    }
}
