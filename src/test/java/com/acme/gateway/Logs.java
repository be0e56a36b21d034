package com.acme.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.boot.test.system.CapturedOutput;

/** Assertions on the captured console: plain text in the tests, ECS JSON where a test turns it on. */
public final class Logs {

    private static final Pattern ERROR = Pattern.compile("\\bERROR\\b");
    // a frame line in plain text, or inside an ECS stack_trace string
    private static final Pattern STACK_FRAME = Pattern.compile("(^|\\\\n|\\n)\\s*(\\\\t)?at [\\w$.]+\\(");

    private Logs() {
    }

    /** Nothing was logged at ERROR and no stack trace was printed. */
    public static void noErrorNorStackTrace(CapturedOutput output) {
        List<String> lines = Arrays.asList(output.getAll().split("\\R"));
        assertThat(lines).as("log lines at ERROR").noneMatch(line -> ERROR.matcher(line).find());
        assertThat(lines).as("stack trace lines").noneMatch(line -> line.startsWith("\tat ")
                || STACK_FRAME.matcher(line).find() || line.contains("stack_trace"));
    }
}
