package com.acme.gateway.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The policy's {@code freeze} and {@code windows} sections, as the gateway and {@code check-policy} read them. */
class ControlsPolicyTest {

    private static final String OPS_POOL = "7b9e4d20-1c3f-4e8a-8f52-0d6a3b1e9c45";
    private static final String UNKNOWN_POOL = "0000aaaa-1c3f-4e8a-8f52-0d6a3b1e9c45";

    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void readsTheDemoPolicysFreezeAndWindow() throws InvalidPolicyException {
        Policy policy = PolicyParser.parse(PolicyParser.read(PolicyParserTest.DEMO));

        assertThat(policy.freeze()).isEqualTo(new Freeze(false, Set.of(OPS_POOL), Set.of(),
                "demo: pool 7b9e4d20 is being re-imaged (CHG-1042)", null));
        assertThat(policy.windowsOf("platform-ops").describe())
                .containsExactly(java.util.Map.entry(OPS_POOL, List.of("Mon-Fri 22:00-06:00 Europe/Berlin")));
        assertThat(policy.windowsOf("payments").restricts()).isFalse();
    }

    @Test
    void readsAnEndTimeQuotedOrNot() throws InvalidPolicyException {
        assertThat(freezeWith("until: 2026-12-24T06:00:00+01:00").until()).isEqualTo(Instant.parse("2026-12-24T05:00:00Z"));
        assertThat(freezeWith("until: \"2026-12-24T06:00:00+01:00\"").until()).isEqualTo(Instant.parse("2026-12-24T05:00:00Z"));
    }

    @Test
    void checkPolicyReportsBadZoneBadRangeAndUnknownPools(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("policy.yaml"), Files.readString(PolicyParserTest.DEMO)
                .replace("  pools: [\"7b9e4d20-1c3f-4e8a-8f52-0d6a3b1e9c45\"]\n  reason:",
                        "  pools: [\"" + UNKNOWN_POOL + "\"]\n  teams: [nobody]\n  until: next week\n  reason:")
                .replace("      - pools: [\"7b9e4d20-1c3f-4e8a-8f52-0d6a3b1e9c45\"]\n        ranges: [\"Mon-Fri 22:00-06:00 Europe/Berlin\"]",
                        "      - \"Mon-Fri 22:00-06:00 Europe/Atlantis\"\n      - \"Mon-Fri 22:00-22:00 Europe/Berlin\"\n"
                                + "      - \"Mon-Fri 22:00-26:00 Europe/Berlin\"\n"
                                + "      - pools: [\"" + UNKNOWN_POOL + "\"]\n        ranges: [\"Sat 08:00-12:00 UTC\"]"));

        assertThat(PolicyCheck.run(new String[] {file.toString()}, PolicyCheckTest.print(out), PolicyCheckTest.print(err)))
                .isEqualTo(1);
        assertThat(PolicyCheckTest.text(err)).isEqualTo("""
                INVALID: %s (7 errors)
                  teams.platform-ops.windows[0]: unknown time zone 'Europe/Atlantis': use an IANA name such as Europe/Berlin or UTC
                  teams.platform-ops.windows[1]: start and end are equal: the window would be empty (use 00:00-24:00 for a whole day)
                  teams.platform-ops.windows[2]: times must be HH:MM between 00:00 and 23:59 (the end may be 24:00)
                  teams.platform-ops.windows[3].pools: pool %s is not one of the team's pools
                  freeze.pools: pool %s is not one of any team's pools
                  freeze.teams: team nobody is not in the policy
                  freeze.until: must be an ISO-8601 time with offset, e.g. 2026-12-24T06:00:00+01:00
                """.formatted(file, UNKNOWN_POOL, UNKNOWN_POOL));
    }

    @Test
    void aFreezeMustSayWhatIsFrozenAndWhy() {
        assertThat(errors("freeze: { all: false }\n")).containsExactly(
                "freeze.all: say what is frozen: all: true, or pools: [...], or teams: [...]", "freeze.reason: is required");
        assertThat(errors("freeze: { all: true, teams: [payments], reason: x }\n")).containsExactly(
                "freeze.all: all: true already covers every pool and team; remove pools and teams");
        assertThat(errors("freeze: { all: true, reason: x, colour: red }\n")).containsExactly("freeze.colour: unknown key");
    }

    @Test
    void poolConcurrencyIsAPositiveLimitOrAbsentForNone() throws InvalidPolicyException {
        assertThat(PolicyParser.parse("pool-concurrency: 2\n" + teams()).poolConcurrency()).isEqualTo(2);
        assertThat(PolicyParser.parse(teams()).poolConcurrency()).isNull();
        assertThat(errors("pool-concurrency: 0\n")).containsExactly("pool-concurrency: must be an integer from 1 to 1000 "
                + "(rollouts per pool at a time); leave it out for no limit");
        assertThat(errors("pool-concurrency: one\n")).hasSize(1);
    }

    @Test
    void aFreezeCoversAllOrItsPoolsOrItsTeamsUntilItsEnd() {
        Instant end = Instant.parse("2026-12-24T05:00:00Z");
        Freeze pools = new Freeze(false, Set.of(OPS_POOL), Set.of(), "re-imaging", end);
        Freeze teams = new Freeze(false, Set.of(), Set.of("payments"), "incident", null);

        assertThat(pools.check("payments", OPS_POOL, end.minusSeconds(1))).get()
                .isEqualTo(new RuleCheck(false, new Reason("freeze",
                        "changes are frozen for pool " + OPS_POOL + " until 2026-12-24T05:00:00Z: re-imaging")));
        assertThat(pools.check("payments", OPS_POOL, end)).get().extracting(RuleCheck::passed).isEqualTo(true);
        assertThat(pools.check("payments", UNKNOWN_POOL, end.minusSeconds(1))).isEmpty();
        assertThat(teams.check("payments", UNKNOWN_POOL, end)).get().extracting(check -> check.reason().detail())
                .isEqualTo("changes are frozen for team payments until further notice: incident");
    }

    private Freeze freezeWith(String until) throws InvalidPolicyException {
        return PolicyParser.parse("freeze:\n  all: true\n  reason: x\n  " + until + "\n" + teams()).freeze();
    }

    private static List<String> errors(String freeze) {
        try {
            PolicyParser.parse(freeze + teams());
            return List.of();
        } catch (InvalidPolicyException e) {
            return e.errors();
        }
    }

    private static String teams() {
        try {
            String demo = Files.readString(PolicyParserTest.DEMO);
            return demo.substring(demo.indexOf("teams:"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
