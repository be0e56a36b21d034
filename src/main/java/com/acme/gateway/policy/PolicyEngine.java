package com.acme.gateway.policy;

import com.acme.gateway.workspace.ScriptExecutionRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Decides whether a team may run a (shape-valid) request on a pool. Pure: the answer depends only
 * on its arguments. Every applicable rule is checked, so a denial names all failed rules at once.
 */
@Component
public class PolicyEngine {

    /** What the upstream applies when {@code execution_timeout} is absent, in minutes. */
    static final int DEFAULT_TIMEOUT_MINUTES = 1;

    public Decision decide(TeamPolicy team, String poolId, ScriptExecutionRequest request) {
        var checks = new Checks();
        String pool = poolId.toLowerCase(Locale.ROOT);
        checks.rule("pool", team.pools().contains(pool),
                "pool " + pool + " is one of the team's pools", "pool " + pool + " is not one of the team's pools");
        String command = request.commandContent();
        if (command != null) {
            checkCommand(team.commands(), request.commandType(), command.length(), checks);
        } else {
            checkScripts(team, request.scriptIds() == null ? List.of() : request.scriptIds(), checks);
        }
        checkPostFinish(team, request.postFinish(), checks);
        checkDesktops(team, request, checks);
        checkTimeout(team, request.executionTimeout(), checks);
        return checks.decision();
    }

    private static void checkScripts(TeamPolicy team, List<String> scriptIds, Checks checks) {
        List<String> denied = scriptIds.stream().map(id -> id.toLowerCase(Locale.ROOT))
                .filter(id -> !team.scripts().contains(id)).toList();
        checks.rule("script", !scriptIds.isEmpty() && denied.isEmpty(),
                "every script named is one of the team's scripts",
                scriptIds.isEmpty() ? "no script named" : "scripts not allowed for the team: " + String.join(", ", denied));
    }

    private static void checkCommand(TeamPolicy.Commands commands, @Nullable String type, int length, Checks checks) {
        checks.rule("command", commands.allowed(),
                "the team may run free-form commands", "the team may not run free-form commands");
        checks.rule("command-type", type != null && commands.types().contains(type),
                "command type " + type + " is allowed",
                "command type " + type + " is not allowed (allowed: " + listed(commands.types()) + ")");
        checks.rule("command-length", length <= commands.maxLength(),
                "command is " + length + " characters, at most " + commands.maxLength() + " allowed",
                "command is " + length + " characters, more than the team's maximum of " + commands.maxLength());
    }

    private static void checkPostFinish(TeamPolicy team, @Nullable String postFinish, Checks checks) {
        if (postFinish == null) {
            checks.rule("post-finish", true, "no post_finish action requested", "");
            return;
        }
        checks.rule("post-finish", team.postFinish().contains(postFinish),
                "post_finish " + postFinish + " is allowed",
                "post_finish " + postFinish + " is not allowed (allowed: " + listed(team.postFinish()) + ")");
    }

    private static void checkDesktops(TeamPolicy team, ScriptExecutionRequest request, Checks checks) {
        boolean canary = request.hasGrayBatch() && request.grayFailThreshold() != null;
        String canaryNeeds = "a gray batch (gray_count or gray_desktop_ids) and gray_fail_threshold are required";
        List<String> desktopIds = request.desktopIds();
        if (desktopIds == null) {
            checks.rule("whole-pool", team.wholePool(),
                    "the team may target the whole pool", "the team may not target the whole pool: list desktop_ids");
            checks.rule("canary", canary, "gray batch and gray_fail_threshold present",
                    "a run on the whole pool always needs a canary: " + canaryNeeds);
            return;
        }
        int desktops = desktopIds.size();
        checks.rule("max-desktops", desktops <= team.maxDesktops(),
                count(desktops) + ", at most " + team.maxDesktops() + " allowed",
                count(desktops) + ", more than the team's maximum of " + team.maxDesktops());
        boolean required = desktops > team.canaryRequiredAbove();
        checks.rule("canary", !required || canary,
                required ? "gray batch and gray_fail_threshold present"
                        : "not required for " + count(desktops) + " (required above " + team.canaryRequiredAbove() + ")",
                count(desktops) + " is above " + team.canaryRequiredAbove() + ": " + canaryNeeds);
    }

    private static void checkTimeout(TeamPolicy team, @Nullable Integer timeout, Checks checks) {
        int minutes = timeout == null ? DEFAULT_TIMEOUT_MINUTES : timeout;
        String requested = timeout == null
                ? "execution_timeout absent (upstream default " + DEFAULT_TIMEOUT_MINUTES + " min)"
                : "execution_timeout " + minutes + " min";
        checks.rule("execution-timeout", minutes <= team.maxExecutionTimeout(),
                requested + ", at most " + team.maxExecutionTimeout() + " allowed",
                requested + " is more than the team's maximum of " + team.maxExecutionTimeout());
    }

    private static String count(int desktops) {
        return desktops == 1 ? "1 desktop" : desktops + " desktops";
    }

    private static String listed(Set<String> values) {
        return values.isEmpty() ? "none" : String.join(", ", values);
    }

    private static final class Checks {
        private final List<Reason> passed = new ArrayList<>();
        private final List<Reason> failed = new ArrayList<>();

        void rule(String rule, boolean ok, String passDetail, String failDetail) {
            (ok ? passed : failed).add(new Reason(rule, ok ? passDetail : failDetail));
        }

        Decision decision() {
            return failed.isEmpty() ? new Decision.Allowed(passed) : new Decision.Denied(failed);
        }
    }
}
