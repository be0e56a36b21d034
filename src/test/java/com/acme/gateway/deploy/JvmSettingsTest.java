package com.acme.gateway.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The JVM settings README.md documents are the ones the benchmark measures and the container image
 * runs, in its AOT training run too (a cache made with other settings is not used).
 */
class JvmSettingsTest {

    private static final List<String> DOCUMENTED = List.of("-XX:+UseSerialGC", "-Xms128m", "-Xmx128m",
            "-XX:SurvivorRatio=6", "-XX:TargetSurvivorRatio=90", "-XX:MetaspaceSize=100m", "-XX:+UseCompactObjectHeaders",
            "-XX:TrimNativeHeapInterval=5000", "-XX:+ExitOnOutOfMemoryError");

    @Test
    void readmeBenchAndImageUseTheSameJvmSettings() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        String dockerfile = Files.readString(Path.of("Dockerfile"));
        String bench = Files.readString(Path.of("bench/run"));

        assertThat(options(readme, "MALLOC_ARENA_MAX=2 java ((?:-\\S+\\s+(?:\\\\\\s+)?)+)-jar")).isEqualTo(DOCUMENTED);
        assertThat(options(bench, "jvm_options='([^']*)'")).isEqualTo(DOCUMENTED);
        assertThat(options(dockerfile, "ARG JVM_OPTIONS=\"([^\"]*)\"")).isEqualTo(DOCUMENTED);
        assertThat(dockerfile).contains("java ${JVM_OPTIONS} -XX:AOTCacheOutput=app.aot");
        Matcher entrypoint = Pattern.compile("ENTRYPOINT \\[\"java\", ((?:\"-[^\"]+\",\\s*(?:\\\\\\s*)?)+)").matcher(dockerfile);
        assertThat(entrypoint.find()).as("the Dockerfile's ENTRYPOINT").isTrue();
        assertThat(List.of(entrypoint.group(1).replaceAll("[\"\\\\,]", " ").trim().split("\\s+")))
                .containsSubsequence(DOCUMENTED).contains("-XX:AOTCache=app.aot");
        assertThat(dockerfile).contains("ENV MALLOC_ARENA_MAX=2");
    }

    private static List<String> options(String text, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        assertThat(matcher.find()).as(regex).isTrue();
        return List.of(matcher.group(1).replace("\\", " ").trim().split("\\s+"));
    }
}
