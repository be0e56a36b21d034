package com.acme.gateway.policy;

import static com.acme.gateway.Fixtures.POOL;
import static org.assertj.core.api.Assertions.assertThat;

import com.acme.gateway.request.ScriptExecutionRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyEngineTest {

    static final String OTHER_POOL = "7b9e4d20-1c3f-4e8a-8f52-0d6a3b1e9c45";
    static final String SCRIPT = "0006e69f-5970-4af5-a652-e111055e630b";
    static final String DESKTOP = "11111111-2222-4333-8444-555555555555";

    final PolicyEngine engine = new PolicyEngine();
    final TeamPolicy payments;
    final TeamPolicy ops;

    PolicyEngineTest() throws Exception {
        Policy demo = PolicyParser.parse(PolicyParser.read(PolicyParserTest.DEMO));
        payments = demo.teams().get("payments");
        ops = demo.teams().get("platform-ops");
    }

    @Test
    void anAllowedDecisionListsEveryRuleThatWasChecked() {
        Decision decision = engine.decide(payments, POOL, script(List.of(DESKTOP), "reboot", 30));

        assertThat(decision).isInstanceOf(Decision.Allowed.class);
        assertThat(decision.reasons()).extracting(Reason::rule)
                .containsExactly("pool", "script", "post-finish", "max-desktops", "canary", "execution-timeout");
        assertThat(decision.reasons()).contains(new Reason("canary", "not required for 1 desktop (required above 10)"));
    }

    @Test
    void aDenialListsEveryFailedRuleAndOnlyThose() {
        var request = new ScriptExecutionRequest(null, null, null, null, null, null, "stop", "rm -rf /tmp/x", "BAT", 31);

        Decision decision = engine.decide(payments, OTHER_POOL, request);

        assertThat(decision).isInstanceOf(Decision.Denied.class);
        assertThat(decision.reasons()).containsExactly(
                new Reason("pool", "pool " + OTHER_POOL + " is not one of the team's pools"),
                new Reason("command", "the team may not run free-form commands"),
                new Reason("command-type", "command type BAT is not allowed (allowed: none)"),
                new Reason("command-length", "command is 13 characters, more than the team's maximum of 0"),
                new Reason("post-finish", "post_finish stop is not allowed (allowed: reboot)"),
                new Reason("whole-pool", "the team may not target the whole pool: list desktop_ids"),
                new Reason("canary", "a run on the whole pool always needs a canary: "
                        + "a gray batch (gray_count or gray_desktop_ids) and gray_fail_threshold are required"),
                new Reason("execution-timeout", "execution_timeout 31 min is more than the team's maximum of 30"));
        assertThat(decision.reasons()).noneMatch(reason -> reason.detail().contains("rm -rf"));
    }

    @Test
    void aWholePoolRunNeedsPermissionAndACanary() {
        var withCanary = new ScriptExecutionRequest(List.of(SCRIPT), 2, null, null, 1, null, null, null, null, null);
        var withoutThreshold = new ScriptExecutionRequest(List.of(SCRIPT), 2, null, null, null, null, null, null, null, null);

        assertThat(engine.decide(ops, POOL, withCanary)).isInstanceOf(Decision.Allowed.class);
        assertThat(engine.decide(ops, POOL, withoutThreshold).reasons()).extracting(Reason::rule).containsExactly("canary");
        assertThat(engine.decide(payments, POOL, withCanary).reasons()).extracting(Reason::rule).containsExactly("whole-pool");
    }

    @Test
    void poolAndScriptIdsMatchRegardlessOfCase() {
        var request = new ScriptExecutionRequest(List.of(SCRIPT.toUpperCase()), null, null, List.of(DESKTOP), null,
                null, null, null, null, null);

        assertThat(engine.decide(payments, POOL.toUpperCase(), request)).isInstanceOf(Decision.Allowed.class);
    }

    @Test
    void anAbsentTimeoutIsTheUpstreamDefaultOfOneMinute() {
        Decision decision = engine.decide(payments, POOL, script(List.of(DESKTOP), null, null));

        assertThat(decision.reasons()).contains(new Reason("execution-timeout",
                "execution_timeout absent (upstream default 1 min), at most 30 allowed"));
    }

    @Test
    void namesTheScriptsThatAreNotAllowed() {
        String unknown = "99999999-aaaa-4bbb-8ccc-dddddddddddd";
        var request = new ScriptExecutionRequest(List.of(SCRIPT, unknown), null, null, List.of(DESKTOP), null,
                null, null, null, null, null);

        assertThat(engine.decide(payments, POOL, request).reasons())
                .containsExactly(new Reason("script", "scripts not allowed for the team: " + unknown));
    }

    @Test
    void aCanaryIsAStrictSubsetOfAtMostThePoliciesShareOfTheDesktops() {
        TeamPolicy always = new TeamPolicy(ops.name(), ops.apiKeys(), ops.jwtClients(), ops.roles(), ops.pools(),
                ops.scripts(), ops.commands(), ops.postFinish(), ops.wholePool(), ops.maxDesktops(), 0, 75,
                ops.maxExecutionTimeout(), ops.rateLimit(), false);
        List<String> four = List.of(DESKTOP, OTHER_POOL, POOL, "22222222-2222-4333-8444-555555555555");

        assertThat(engine.decide(always, POOL, gray(four, 3, 1)).allowed()).isTrue();
        assertThat(engine.decide(always, POOL, gray(four, 4, 1)).reasons()).singleElement()
                .satisfies(r -> assertThat(r.detail()).contains("at most 3 of 4 desktops (75%, and never all of them)"));
        assertThat(engine.decide(always, POOL, gray(List.of(DESKTOP), 1, 1)).reasons()).singleElement()
                .satisfies(r -> assertThat(r.detail()).contains("1 desktop cannot have a canary batch"));
        assertThat(always.maxCanary(2)).isEqualTo(1);
        assertThat(ops.maxCanary(5)).isEqualTo(2);
        assertThat(ops.maxCanary(1)).isZero();
    }

    static ScriptExecutionRequest gray(List<String> desktops, int grayCount, int threshold) {
        return new ScriptExecutionRequest(List.of(SCRIPT), grayCount, null, desktops, threshold, null, null, null, null, null);
    }

    static ScriptExecutionRequest script(List<String> desktops, String postFinish, Integer timeout) {
        return new ScriptExecutionRequest(List.of(SCRIPT), null, null, desktops, null, null, postFinish, null, null, timeout);
    }
}
