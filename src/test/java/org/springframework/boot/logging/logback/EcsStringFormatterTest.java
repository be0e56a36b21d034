package org.springframework.boot.logging.logback;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.event.KeyValuePair;
import org.springframework.core.env.Environment;
import org.springframework.mock.env.MockEnvironment;

/** The gateway's ECS formatter writes exactly the bytes of Spring Boot's {@code ecs} format. */
class EcsStringFormatterTest {

    private final LoggerContext context = new LoggerContext();

    EcsStringFormatterTest() {
        context.putObject(Environment.class.getName(), new MockEnvironment()
                .withProperty("logging.structured.ecs.service.name", "workspace-script-gateway"));
    }

    @Test
    void encodesEveryEventAsBootsEcsFormatDoes() {
        var boots = encoder("ecs");
        var gateways = encoder(EcsStringFormatter.class.getName());

        for (var event : new LoggingEvent[] {event("script execution {}", null), event("escapes \" \\ \n\t\u0001 and ünïcödé 🚀",
                null), event("a lone surrogate \ud800 becomes '?'", null),
                event("failed", new IllegalStateException("boom"))}) {
            byte[] expected = boots.encode(event);
            assertThat(gateways.encode(event)).isEqualTo(expected);
            assertThat(new String(expected, StandardCharsets.UTF_8)).startsWith("{\"@timestamp\"").endsWith("}\n");
        }
    }

    private StructuredLogEncoder encoder(String format) {
        var encoder = new StructuredLogEncoder();
        encoder.setContext(context);
        encoder.setFormat(format);
        encoder.setCharset(StandardCharsets.UTF_8);
        encoder.start();
        return encoder;
    }

    private LoggingEvent event(String message, Throwable thrown) {
        var event = new LoggingEvent(EcsStringFormatterTest.class.getName(), context.getLogger("com.acme.gateway.execution"),
                Level.INFO, message, thrown, new Object[] {"submitted"});
        event.setInstant(Instant.parse("2026-12-06T12:00:00.123Z"));
        event.setThreadName("tomcat-handler-7");
        event.setMDCPropertyMap(Map.of("request_id", "req-ü-1"));
        event.addKeyValuePair(new KeyValuePair("team", "zürich \"quoted\""));
        event.addKeyValuePair(new KeyValuePair("desktop_count", 3));
        return event;
    }
}
