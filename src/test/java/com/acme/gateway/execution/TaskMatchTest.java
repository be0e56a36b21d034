package com.acme.gateway.execution;

import static com.acme.gateway.Fixtures.POOL;
import static org.assertj.core.api.Assertions.assertThat;

import com.acme.gateway.audit.AuditEntry;
import com.acme.gateway.execution.TaskMatch.Window;
import com.acme.gateway.lifecycle.Outcome;
import com.acme.gateway.workspace.UpstreamTask;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class TaskMatchTest {

    static final Instant CREATED = Instant.parse("2026-03-01T10:00:00Z");
    static final String OTHER_POOL = "5f1d2c3b-4a59-4e6f-8a7b-9c0d1e2f3a4b";
    static final String S1 = "0006e69f-5970-4af5-a652-e111055e630b";
    static final String S2 = "1116e69f-5970-4af5-a652-e111055e630b";
    static final String ECHO = sha256("echo hi");

    static Stream<Arguments> tasks() {
        AuditEntry scripts = row(List.of(S1, S2), null, null);
        AuditEntry command = row(List.of(), "SHELL", ECHO);
        return Stream.of(
                Arguments.of("same scripts in another order", scripts, task(POOL, List.of(S2, S1), null, null, "2026-03-01T10:00:02Z"), true),
                Arguments.of("pool left out of the list entry", scripts, task(null, List.of(S1, S2), null, null, "2026-03-01T10:00:02Z"), true),
                Arguments.of("another pool", scripts, task(OTHER_POOL, List.of(S1, S2), null, null, "2026-03-01T10:00:02Z"), false),
                Arguments.of("fewer scripts", scripts, task(POOL, List.of(S1), null, null, "2026-03-01T10:00:02Z"), false),
                Arguments.of("scripts plus a command", scripts, task(POOL, List.of(S1, S2), "SHELL", ECHO, "2026-03-01T10:00:02Z"), false),
                Arguments.of("same command, type in lower case", command, task(POOL, List.of(), "shell", ECHO, "2026-03-01T10:00:02Z"), true),
                Arguments.of("another command text", command, task(POOL, List.of(), "SHELL", sha256("echo ho"), "2026-03-01T10:00:02Z"), false),
                Arguments.of("same text, another command type", command, task(POOL, List.of(), "BAT", ECHO, "2026-03-01T10:00:02Z"), false),
                Arguments.of("list without command text", command, task(POOL, List.of(), "SHELL", null, "2026-03-01T10:00:02Z"), false),
                Arguments.of("started a minute early (clock skew)", scripts, task(POOL, List.of(S1, S2), null, null, "2026-03-01T09:59:00Z"), true),
                Arguments.of("started too early", scripts, task(POOL, List.of(S1, S2), null, null, "2026-03-01T09:58:59Z"), false),
                Arguments.of("started at the end of the window", scripts, task(POOL, List.of(S1, S2), null, null, "2026-03-01T10:05:00Z"), true),
                Arguments.of("started too late", scripts, task(POOL, List.of(S1, S2), null, null, "2026-03-01T10:05:01Z"), false),
                Arguments.of("no start time", scripts, task(POOL, List.of(S1, S2), null, null, null), false),
                Arguments.of("unreadable start time", scripts, task(POOL, List.of(S1, S2), null, null, "yesterday"), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tasks")
    void matchesTaskOfTheSameWorkStartedInTheWindow(String name, AuditEntry row, UpstreamTask task, boolean matches) {
        assertThat(TaskMatch.matches(row, task, Window.around(row, Duration.ofMinutes(5)))).isEqualTo(matches);
    }

    @ParameterizedTest
    @CsvSource({
            "2026-03-01T10:00:02Z, 2026-03-01T10:00:02Z",
            "2026-03-01T10:00:02.123Z, 2026-03-01T10:00:02.123Z",
            "2026-03-01T18:00:02+08:00, 2026-03-01T10:00:02Z",
            "2026-03-01T10:00:02, 2026-03-01T10:00:02Z",
            "2026-03-01 10:00:02, 2026-03-01T10:00:02Z",
            "2026-03-01 10:00:02.5, 2026-03-01T10:00:02.500Z",
            "2026-03-01T18:00:02+0800, 2026-03-01T10:00:02Z",
            "2026-03-01T05:30:02-0430, 2026-03-01T10:00:02Z",
            "2026-03-01 18:00:02+08:00, 2026-03-01T10:00:02Z"})
    void readsStartTimesWithOrWithoutOffsetAsUtc(String text, Instant expected) {
        assertThat(TaskMatch.startTime(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "yesterday", "2026-03-01", "2026-03-01T10:00:02+8", "1772359202", "2026-03-01T10:00:02ZZ"})
    void startTimesInNoKnownFormAreNotRead(String text) {
        assertThat(TaskMatch.startTime(text)).isNull();
    }

    @ParameterizedTest
    @CsvSource({"2026-03-01T09:55:00Z, true", "2026-03-01T09:54:59Z, false", "2026-03-01T10:01:00Z, true",
            "2026-03-01T10:01:01Z, false"})
    void requestsThatCanHaveStartedATaskWereCreatedUpToTheWindowBeforeIt(Instant created, boolean can) {
        assertThat(Window.before(Instant.parse("2026-03-01T10:00:00Z"), Duration.ofMinutes(5)).contains(created)).isEqualTo(can);
    }

    static AuditEntry row(List<String> scripts, @Nullable String commandType, @Nullable String commandSha256) {
        return AuditEntry.builder()
                .id(UUID.randomUUID())
                .requestId("req-1")
                .createdAt(CREATED)
                .completedAt(CREATED.plusSeconds(1))
                .principal("svc")
                .team("alpha")
                .poolId(POOL)
                .scriptIds(scripts)
                .commandType(commandType)
                .commandSha256(commandSha256)
                .desktopCount(1)
                .decision(AuditEntry.Decision.ALLOWED)
                .outcome(Outcome.UNKNOWN)
                .attempts(1)
                .durationMs(1000L)
                .idempotencyKey("key-1")
                .build();
    }

    static UpstreamTask task(@Nullable String pool, List<String> scripts, @Nullable String commandType,
            @Nullable String commandSha256, @Nullable String start) {
        return new UpstreamTask(UUID.randomUUID().toString(), pool, scripts, commandType, commandSha256, start, null,
                "RUNNING", null, null, null);
    }

    /** Independent of the gateway's own hashing, so that a wrong hash there cannot go unnoticed. */
    static String sha256(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
