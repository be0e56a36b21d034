package com.acme.gateway.policy;

import static com.acme.gateway.Fixtures.POOL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.list;

import com.acme.gateway.policy.TeamPolicy.ApiKey;
import com.acme.gateway.policy.TeamPolicy.Commands;
import com.acme.gateway.policy.TeamPolicy.RateLimit;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PolicyParserTest {

    static final Path DEMO = Path.of("src/test/resources/demo/policy.yaml");
    static final String SCRIPT = "0006e69f-5970-4af5-a652-e111055e630b";
    static final String HASH = "bc32ce2d86a98dc1e2ed4b5311423e834a51958a2b0f7a2e45cfeb9ed2e33bc8";
    static final String UUID_MESSAGE = "must be a UUID such as a130ab3a-72bf-4b71-baa9-af4987c8e338";

    @Test
    void parsesEveryFieldOfTheDemoPolicy() throws Exception {
        Policy policy = PolicyParser.parse(PolicyParser.read(DEMO));

        assertThat(policy.teams()).containsOnlyKeys("payments", "platform-ops");
        assertThat(policy.teams().get("payments")).isEqualTo(new TeamPolicy("payments",
                List.of(new ApiKey("payments-demo", HASH)),
                Set.of("svc-payments"), Set.of(),
                Set.of(POOL, "3f1c2a9e-5d47-4c1b-9a0e-6b2d8f4e7c11"), Set.of(SCRIPT),
                new Commands(false, Set.of(), 0), Set.of("reboot"),
                false, 50, 10, TeamPolicy.DEFAULT_CANARY_MAX_PERCENT, 30,
                new RateLimit(60, Duration.ofMinutes(1)), true));
        TeamPolicy ops = policy.teams().get("platform-ops");
        assertThat(ops.roles()).containsExactly("audit-reader", "operator");
        assertThat(ops.commands()).isEqualTo(new Commands(true, Set.of("SHELL"), 4096));
        assertThat(ops.pools()).containsExactly(POOL, "7b9e4d20-1c3f-4e8a-8f52-0d6a3b1e9c45");
        assertThat(ops.wholePool()).isTrue();
        assertThat(ops.postFinish()).containsExactly("stop", "reboot");
        assertThat(ops.rateLimit()).isEqualTo(new RateLimit(120, Duration.ofMinutes(1)));
    }

    @Test
    void omittedOptionalKeysDenyByDefault() throws Exception {
        TeamPolicy team = PolicyParser.parse(yaml(Map.of())).teams().get("payments");

        assertThat(team).isEqualTo(new TeamPolicy("payments", List.of(), Set.of(), Set.of(), Set.of(POOL), Set.of(),
                new Commands(false, Set.of(), 0), Set.of(), false, 5, 0, TeamPolicy.DEFAULT_CANARY_MAX_PERCENT, 30,
                new RateLimit(2, Duration.ofSeconds(30)), false));
    }

    @Test
    void idsAndHashesAreStoredLowerCase() throws Exception {
        TeamPolicy team = PolicyParser.parse(yaml(Map.of(
                "pools", "[" + POOL.toUpperCase() + "]",
                "api-keys", "[{id: k1, sha256: \"" + HASH.toUpperCase() + "\"}]"))).teams().get("payments");

        assertThat(team.pools()).containsExactly(POOL);
        assertThat(team.apiKeys()).containsExactly(new ApiKey("k1", HASH));
    }

    @Test
    void acceptsSecondsMinutesAndHoursForTheRateLimitPeriod() throws Exception {
        for (var period : Map.of("30s", Duration.ofSeconds(30), "5m", Duration.ofMinutes(5), "1h", Duration.ofHours(1)).entrySet()) {
            TeamPolicy team = PolicyParser.parse(yaml(Map.of("rate-limit", "{ requests: 3, per: " + period.getKey() + " }")))
                    .teams().get("payments");
            assertThat(team.rateLimit().per()).isEqualTo(period.getValue());
        }
    }

    static Stream<Arguments> teamErrors() {
        String t = "teams.payments.";
        return Stream.of(
                Arguments.of(Map.of("colour", "red"), List.of(t + "colour: unknown key")),
                Arguments.of(Map.of("max-desktops", "0"), List.of(t + "max-desktops: must be a positive integer")),
                Arguments.of(Map.of("max-desktops", "ten"), List.of(t + "max-desktops: must be a positive integer")),
                Arguments.of(Map.of("max-desktops", "10001"), List.of(t + "max-desktops: must be at most 10000")),
                Arguments.of(Map.of("max-desktops", ""), List.of(t + "max-desktops: is required")),
                Arguments.of(Map.of("max-execution-timeout", "10081"), List.of(t + "max-execution-timeout: must be at most 10080")),
                Arguments.of(Map.of("canary-required-above", "-1"), List.of(t + "canary-required-above: must be a non-negative integer")),
                Arguments.of(Map.of("canary-max-percent", "100"), List.of(t + "canary-max-percent: must be at most 99")),
                Arguments.of(Map.of("canary-max-percent", "0"), List.of(t + "canary-max-percent: must be a positive integer")),
                Arguments.of(Map.of("pools", "[not-a-uuid]"), List.of(t + "pools[0]: " + UUID_MESSAGE)),
                Arguments.of(Map.of("pools", "[" + POOL + ", " + POOL.toUpperCase() + "]"), List.of(t + "pools[1]: duplicates an earlier entry")),
                Arguments.of(Map.of("pools", POOL), List.of(t + "pools: must be a list, e.g. [a, b] (use [] for none)")),
                Arguments.of(Map.of("scripts", "[12]"), List.of(t + "scripts[0]: " + UUID_MESSAGE)),
                Arguments.of(Map.of("api-keys", "[{id: k1, sha256: abc}]"),
                        List.of(t + "api-keys[0].sha256: must be the SHA-256 of the key as 64 hex characters (quote it)")),
                Arguments.of(Map.of("api-keys", "[{id: k1}]"), List.of(t + "api-keys[0].sha256: is required")),
                Arguments.of(Map.of("api-keys", "[{id: 'k 1', sha256: " + HASH + "}]"),
                        List.of(t + "api-keys[0].id: must be 1-64 letters, digits, '.', '_' or '-'")),
                Arguments.of(Map.of("api-keys", "[{id: k1, sha256: " + HASH + ", key: plain}]"), List.of(t + "api-keys[0].key: unknown key")),
                Arguments.of(Map.of("api-keys", "[{id: k1, sha256: " + HASH + "}, {id: k1, sha256: " + HASH.replace('b', 'a') + "}]"),
                        List.of(t + "api-keys[1].id: duplicates an earlier key id of this team")),
                Arguments.of(Map.of("api-keys", "[{id: k1, sha256: " + HASH + "}, {id: k2, sha256: " + HASH + "}]"),
                        List.of(t + "api-keys[1].sha256: duplicates an earlier key of this team")),
                Arguments.of(Map.of("api-keys", "[k1]"), List.of(t + "api-keys[0]: must be a mapping of keys to values")),
                Arguments.of(Map.of("jwt-clients", "['svc payments']"),
                        List.of(t + "jwt-clients[0]: must be a client id of 1-255 characters without spaces")),
                Arguments.of(Map.of("roles", "[admin]"), List.of(t + "roles[0]: must be one of audit-reader, operator")),
                Arguments.of(Map.of("post-finish", "[shutdown]"), List.of(t + "post-finish[0]: must be one of stop, reboot")),
                Arguments.of(Map.of("whole-pool", "sometimes"), List.of(t + "whole-pool: must be true or false")),
                Arguments.of(Map.of("require-idempotency-key", "1"), List.of(t + "require-idempotency-key: must be true or false")),
                Arguments.of(Map.of("commands", "{ allowed: true, types: [ZSH], max-length: 10 }"),
                        List.of(t + "commands.types[0]: must be one of SHELL, POWERSHELL, BAT")),
                Arguments.of(Map.of("commands", "{ allowed: true }"),
                        List.of(t + "commands.types: is required", t + "commands.max-length: is required")),
                Arguments.of(Map.of("commands", "{ allowed: maybe }"), List.of(t + "commands.allowed: must be true or false")),
                Arguments.of(Map.of("commands", "{ allowed: false, sudo: true }"), List.of(t + "commands.sudo: unknown key")),
                Arguments.of(Map.of("commands", "yes"), List.of(t + "commands: must be a mapping of keys to values")),
                Arguments.of(Map.of("rate-limit", "{ requests: 0, per: 1m }"), List.of(t + "rate-limit.requests: must be a positive integer")),
                Arguments.of(Map.of("rate-limit", "{ requests: 5, per: 1 minute }"),
                        List.of(t + "rate-limit.per: must be a duration such as 30s, 1m or 1h")),
                Arguments.of(Map.of("rate-limit", "{ requests: 5, per: 60 }"),
                        List.of(t + "rate-limit.per: must be a duration such as 30s, 1m or 1h")),
                Arguments.of(Map.of("rate-limit", "{ requests: 5 }"), List.of(t + "rate-limit.per: is required")),
                Arguments.of(Map.of("rate-limit", ""), List.of(t + "rate-limit: is required")));
    }

    @ParameterizedTest
    @MethodSource("teamErrors")
    void reportsEachTeamErrorWithItsPath(Map<String, String> overrides, List<String> expected) {
        assertInvalid(yaml(overrides), expected);
    }

    static Stream<Arguments> fileErrors() {
        String team = "  payments: { pools: [], max-desktops: 1, max-execution-timeout: 1, rate-limit: { requests: 1, per: 1s } }\n";
        return Stream.of(
                Arguments.of("", "policy: the file is empty; it must define teams"),
                Arguments.of("- a\n- b\n", "policy: must be a mapping with a 'teams' key"),
                Arguments.of("teams: {}\n", "teams: must map each team name to its rules, with at least one team"),
                Arguments.of("teams: [payments]\n", "teams: must map each team name to its rules, with at least one team"),
                Arguments.of("version: 2\nteams:\n" + team, "version: unknown key"),
                Arguments.of("teams:\n  Payments_Team: {}\n", "teams.Payments_Team: team name must be 1-40 lower-case letters, digits or '-'"),
                Arguments.of("teams:\n  payments: 7\n", "teams.payments: must be a mapping of keys to values"),
                Arguments.of("teams: [\n", "policy: not valid YAML at line 2, column 1: expected the node content, but found '<stream end>'"),
                Arguments.of("teams:\n" + team + team, "policy: not valid YAML at line 3, column 3: found duplicate key payments"),
                Arguments.of("teams: !!java.io.File [/etc/passwd]\n",
                        "policy: not valid YAML at line 1, column 8: Global tag is not allowed: tag:yaml.org,2002:java.io.File"));
    }

    @ParameterizedTest
    @MethodSource("fileErrors")
    void reportsFileLevelErrors(String source, String expected) {
        assertInvalid(source, List.of(expected));
    }

    @Test
    void aCredentialMayNotBelongToTwoTeams() {
        String source = """
                teams:
                  payments:
                    api-keys: [{ id: k1, sha256: "%1$s" }]
                    jwt-clients: [svc-shared]
                    pools: []
                    max-desktops: 1
                    max-execution-timeout: 1
                    rate-limit: { requests: 1, per: 1s }
                  billing:
                    api-keys: [{ id: k1, sha256: "%2$s" }]
                    jwt-clients: [svc-billing, svc-shared]
                    pools: []
                    max-desktops: 1
                    max-execution-timeout: 1
                    rate-limit: { requests: 1, per: 1s }
                """.formatted(HASH, HASH.toUpperCase());

        assertInvalid(source, List.of(
                "teams.billing.api-keys[0].sha256: already belongs to team payments",
                "teams.billing.jwt-clients: client svc-shared already belongs to team payments"));
    }

    @Test
    void reportsEveryErrorOfEveryTeamAtOnce() {
        String source = """
                teams:
                  payments:
                    pools: [nope]
                    max-desktops: -3
                    colour: blue
                    rate-limit: { requests: 1, per: 1 fortnight }
                  BAD:
                    pools: []
                  ops:
                    post-finish: [halt]
                    max-desktops: 1
                    max-execution-timeout: 0
                    commands: { allowed: true, types: [SHELL, SHELL], max-length: 10 }
                """;

        assertInvalid(source, List.of(
                "teams.payments.colour: unknown key",
                "teams.payments.pools[0]: " + UUID_MESSAGE,
                "teams.payments.max-desktops: must be a positive integer",
                "teams.payments.max-execution-timeout: is required",
                "teams.payments.rate-limit.per: must be a duration such as 30s, 1m or 1h",
                "teams.BAD: team name must be 1-40 lower-case letters, digits or '-'",
                "teams.ops.commands.types[1]: duplicates an earlier entry",
                "teams.ops.post-finish[0]: must be one of stop, reboot",
                "teams.ops.max-execution-timeout: must be a positive integer",
                "teams.ops.rate-limit: is required"));
    }

    @Test
    void reportsAMissingFileWithItsPath() {
        Path missing = Path.of("target/no-such-policy.yaml");

        assertThatThrownBy(() -> PolicyParser.read(missing))
                .isInstanceOf(InvalidPolicyException.class)
                .extracting(e -> ((InvalidPolicyException) e).errors(), list(String.class))
                .containsExactly("policy: cannot read target/no-such-policy.yaml: no such file");
    }

    @Test
    void acceptsAFilePrefixedLocation() throws IOException {
        assertThat(PolicyParser.path("file:/etc/gateway/policy.yaml")).isEqualTo(Path.of("/etc/gateway/policy.yaml"));
        assertThat(PolicyParser.path("file:///etc/gateway/policy.yaml")).isEqualTo(Path.of("/etc/gateway/policy.yaml"));
        assertThat(PolicyParser.path("config/policy.yaml")).isEqualTo(Path.of("config/policy.yaml"));
    }

    /** A one-team policy: a valid base team with some keys replaced (an empty value removes the key). */
    static String yaml(Map<String, String> overrides) {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("pools", "[" + POOL + "]");
        keys.put("max-desktops", "5");
        keys.put("max-execution-timeout", "30");
        keys.put("rate-limit", "{ requests: 2, per: 30s }");
        keys.putAll(overrides);
        return "teams:\n  payments:\n" + keys.entrySet().stream()
                .filter(e -> !e.getValue().isEmpty())
                .map(e -> "    " + e.getKey() + ": " + e.getValue())
                .collect(Collectors.joining("\n", "", "\n"));
    }

    static void assertInvalid(String source, List<String> expected) {
        assertThatThrownBy(() -> PolicyParser.parse(source))
                .isInstanceOf(InvalidPolicyException.class)
                .extracting(e -> ((InvalidPolicyException) e).errors(), list(String.class))
                .containsExactlyInAnyOrderElementsOf(expected);
    }
}
