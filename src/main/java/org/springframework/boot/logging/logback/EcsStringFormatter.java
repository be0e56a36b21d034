package org.springframework.boot.logging.logback;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.nio.charset.Charset;
import org.springframework.boot.logging.StackTracePrinter;
import org.springframework.boot.logging.structured.ContextPairs;
import org.springframework.boot.logging.structured.StructuredLoggingJsonMembersCustomizer;
import org.springframework.core.env.Environment;

/**
 * Spring Boot's ECS JSON format, encoded from the event's string. Boot's own encoding goes through an
 * {@code OutputStreamWriter} that allocates a buffer for every character it is given
 * (spring-projects/spring-boot#49428): a fifth of all the gateway's allocation under load. It lives in
 * Boot's package because Boot's ECS formatter is package-private; delete it when that issue is fixed.
 */
public class EcsStringFormatter extends ElasticCommonSchemaStructuredLogFormatter {

    public EcsStringFormatter(Environment environment, StackTracePrinter stackTracePrinter, ContextPairs contextPairs,
            ThrowableProxyConverter throwableProxyConverter,
            StructuredLoggingJsonMembersCustomizer.Builder<?> customizerBuilder) {
        super(environment, stackTracePrinter, contextPairs, throwableProxyConverter, customizerBuilder);
    }

    @Override
    public byte[] formatAsBytes(ILoggingEvent event, Charset charset) {
        return format(event).getBytes(charset);
    }
}
