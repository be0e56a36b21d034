package com.acme.gateway.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyCheckTest {

    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void acceptsTheDemoPolicy() {
        assertThat(check(PolicyParserTest.DEMO.toString())).isZero();
        assertThat(text(out)).isEqualTo("OK: 2 teams\n");
        assertThat(text(err)).isEmpty();
    }

    @Test
    void acceptsAFilePrefix() {
        assertThat(check("file:" + PolicyParserTest.DEMO)).isZero();
    }

    @Test
    void printsEveryErrorAndFailsForAnInvalidPolicy(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("policy.yaml"), Files.readString(PolicyParserTest.DEMO)
                .replace("max-desktops: 50", "max-desktops: lots")
                .replace("whole-pool: true", "whole-pool: true\n    colour: red"));

        assertThat(check(file.toString())).isEqualTo(1);
        assertThat(text(out)).isEmpty();
        assertThat(text(err)).isEqualTo("""
                INVALID: %s (2 errors)
                  teams.payments.max-desktops: must be a positive integer
                  teams.platform-ops.colour: unknown key
                """.formatted(file));
    }

    @Test
    void failsForAMissingFile(@TempDir Path dir) {
        Path missing = dir.resolve("nope.yaml");

        assertThat(check(missing.toString())).isEqualTo(1);
        assertThat(text(err)).contains("policy: cannot read " + missing + ": no such file");
    }

    @Test
    void explainsUsageWithoutExactlyOneFile() {
        assertThat(PolicyCheck.run(new String[0], print(out), print(err))).isEqualTo(2);
        assertThat(PolicyCheck.run(new String[] {"a.yaml", "b.yaml"}, print(out), print(err))).isEqualTo(2);
        assertThat(text(err)).startsWith("usage: check-policy <policy.yaml>");
    }

    int check(String file) {
        return PolicyCheck.run(new String[] {file}, print(out), print(err));
    }

    static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }

    static String text(ByteArrayOutputStream bytes) {
        return bytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
    }
}
