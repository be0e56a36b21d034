package com.acme.gateway.policy;

import com.acme.gateway.request.ScriptExecutionRequest;
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
        List<String> desktopIds = request.desktopIds();
        Integer desktops = desktopIds == null ? null : desktopIds.size();
        String canaryProblem = canaryProblem(team, request, desktops);
        boolean canary = canaryProblem == null;
        if (desktops == null) {
            checks.rule("whole-pool", team.wholePool(),
                    "the team may target the whole pool", "the team may not target the whole pool: list desktop_ids");
            checks.rule("canary", canary, "gray batch and gray_fail_threshold present",
                    "a run on the whole pool always needs a canary: " + canaryProblem);
            return;
        }
        checks.rule("max-desktops", desktops <= team.maxDesktops(),
                count(desktops) + ", at most " + team.maxDesktops() + " allowed",
                count(desktops) + ", more than the team's maximum of " + team.maxDesktops());
        boolean required = desktops > team.canaryRequiredAbove();
        checks.rule("canary", !required || canary,
                required ? "canary of " + graySize(request) + " of " + count(desktops) + " with gray_fail_threshold "
                        + request.grayFailThreshold()
                        : "not required for " + count(desktops) + " (required above " + team.canaryRequiredAbove() + ")",
                count(desktops) + " is above " + team.canaryRequiredAbove() + ": " + canaryProblem);
    }

    /**
     * Why the request has no real canary, or null when it has one: a gray batch that is a strict
     * subset of the targeted desktops, at most the team's share of them, and a gray_fail_threshold
     * that the batch can reach.
     */
    private static @Nullable String canaryProblem(TeamPolicy team, ScriptExecutionRequest request,
            @Nullable Integer desktops) {
        if (!request.hasGrayBatch() || request.grayFailThreshold() == null) {
            return "a gray batch (gray_count or gray_desktop_ids) and gray_fail_threshold are required";
        }
        int gray = graySize(request);
        if (desktops != null && gray > team.maxCanary(desktops)) {
            return team.maxCanary(desktops) < 1
                    ? count(desktops) + " cannot have a canary batch (a strict subset of at most "
                            + team.canaryMaxPercent() + "% of the targeted desktops)"
                    : "the gray batch of " + gray + " is not a canary: at most " + team.maxCanary(desktops) + " of "
                            + count(desktops) + " (" + team.canaryMaxPercent() + "%, and never all of them)";
        }
        if (request.grayFailThreshold() > gray) {
            return "gray_fail_threshold " + request.grayFailThreshold() + " can never be reached by a gray batch of " + gray;
        }
        return null;
    }

    /** The first batch: gray_count takes precedence over gray_desktop_ids upstream. */
    private static int graySize(ScriptExecutionRequest request) {
        if (request.grayCount() != null) {
            return request.grayCount();
        }
        return request.grayDesktopIds() == null ? 0 : request.grayDesktopIds().size();
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
