package com.acme.gateway.policy;

import static com.acme.gateway.Fixtures.POOL;
import static org.assertj.core.api.Assertions.assertThat;

import com.acme.gateway.request.RequestLimits;
import com.acme.gateway.request.ScriptExecutionRequest;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorFactory;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.BeanUtils;
import org.springframework.util.unit.DataSize;

/**
 * Every combination of team, pool, kind of execution, post_finish, desktop count, canary and
 * timeout, checked against an oracle that reads the teams' specifications (from which the policy
 * file is written) rather than the engine or the parsed policy.
 */
class PermissionMatrixTest {

    static final String POOL_A = POOL;
    static final String POOL_B = "7b9e4d20-1c3f-4e8a-8f52-0d6a3b1e9c45";
    static final String SCRIPT_1 = "0006e69f-5970-4af5-a652-e111055e630b";
    static final String SCRIPT_2 = "5c0c61d4-8f3a-4d1e-b7a2-93e0f6d1c2b8";
    static final String COMMAND = "echo hi";

    record Spec(String name, Set<String> pools, Set<String> scripts, boolean commands, Set<String> types, int maxLength,
            Set<String> postFinish, boolean wholePool, int maxDesktops, int canaryAbove, int maxTimeout) {

        String yaml() {
            return """
                      %s:
                        pools: %s
                        scripts: %s
                        commands: { allowed: %s, types: %s, max-length: %d }
                        post-finish: %s
                        whole-pool: %s
                        max-desktops: %d
                        canary-required-above: %d
                        max-execution-timeout: %d
                        rate-limit: { requests: 10, per: 1m }
                    """.formatted(name, pools, scripts, commands, types, maxLength, postFinish, wholePool,
                    maxDesktops, canaryAbove, maxTimeout);
        }
    }

    static final List<Spec> TEAMS = List.of(
            new Spec("payments", Set.of(POOL_A), Set.of(SCRIPT_1), false, Set.of(), 1, Set.of("reboot"), false, 20, 5, 30),
            new Spec("platform-ops", Set.of(POOL_A, POOL_B), Set.of(SCRIPT_1, SCRIPT_2), true, Set.of("SHELL", "POWERSHELL"),
                    4096, Set.of("stop", "reboot"), true, 100, 10, 60),
            new Spec("lab", Set.of(POOL_B), Set.of(), true, Set.of("BAT"), 5, Set.of(), true, 3, 2, 5),
            new Spec("frozen", Set.of(POOL_A, POOL_B), Set.of(SCRIPT_2), false, Set.of("SHELL", "BAT"), 100,
                    Set.of("stop"), false, 10, 1, 10));

    enum Kind { SCRIPT_1, SCRIPT_2, SHELL, POWERSHELL, BAT }

    enum Canary { NONE, GRAY_BATCH_ONLY, GRAY_BATCH_AND_THRESHOLD }

    record Cell(Spec team, String pool, Kind kind, @Nullable String postFinish, @Nullable Integer desktops, Canary canary,
            @Nullable Integer timeout) {
    }

    final PolicyEngine engine = new PolicyEngine();
    final Validator validator = Validation.byDefaultProvider().configure()
            .constraintValidatorFactory(new PackagePrivateValidators()).buildValidatorFactory().getValidator();

    @Test
    void everyCellGetsTheDecisionThePolicyImplies() throws Exception {
        Policy policy = PolicyParser.parse("teams:\n" + TEAMS.stream().map(Spec::yaml).collect(Collectors.joining()));
        List<Cell> cells = cells();
        List<String> mismatches = new ArrayList<>();
        for (Cell cell : cells) {
            assertThat(validator.validate(request(cell))).as("the matrix only holds valid requests: %s", cell).isEmpty();
            Decision actual = engine.decide(policy.teams().get(cell.team().name()), cell.pool(), request(cell));
            Set<String> failed = new LinkedHashSet<>();
            Set<String> checked = expectedRules(cell, failed);
            boolean agrees = failed.isEmpty()
                    ? actual instanceof Decision.Allowed && rules(actual).equals(checked)
                    : actual instanceof Decision.Denied && rules(actual).equals(failed);
            if (!agrees) {
                mismatches.add(cell + " expected failures " + failed + " but got " + actual);
            }
        }
        System.out.printf("permission matrix: %d cells, %d mismatches%n", cells.size(), mismatches.size());
        assertThat(mismatches.size()).as("mismatches, the first ones: %s", mismatches.stream().limit(10).toList()).isZero();
        assertThat(cells).hasSize(4 * 2 * 5 * 3 * 5 * 3 * 3);
    }

    /** The oracle: the rules a request is checked against, with the failing ones added to {@code failed}. */
    static Set<String> expectedRules(Cell c, Set<String> failed) {
        Spec t = c.team();
        Set<String> checked = new LinkedHashSet<>();
        Check check = (rule, ok) -> {
            checked.add(rule);
            if (!ok) {
                failed.add(rule);
            }
        };
        check.rule("pool", t.pools().contains(c.pool()));
        switch (c.kind()) {
            case SCRIPT_1 -> check.rule("script", t.scripts().contains(SCRIPT_1));
            case SCRIPT_2 -> check.rule("script", t.scripts().contains(SCRIPT_2));
            default -> {
                check.rule("command", t.commands());
                check.rule("command-type", t.types().contains(c.kind().name()));
                check.rule("command-length", COMMAND.length() <= t.maxLength());
            }
        }
        check.rule("post-finish", c.postFinish() == null || t.postFinish().contains(c.postFinish()));
        // a gray batch of 1 is a canary only when it is at most half of the targeted desktops
        boolean canary = c.canary() == Canary.GRAY_BATCH_AND_THRESHOLD && (c.desktops() == null || c.desktops() >= 2);
        if (c.desktops() == null) {
            check.rule("whole-pool", t.wholePool());
            check.rule("canary", canary);
        } else {
            check.rule("max-desktops", c.desktops() <= t.maxDesktops());
            check.rule("canary", canary || c.desktops() <= t.canaryAbove());
        }
        check.rule("execution-timeout", (c.timeout() == null ? 1 : c.timeout()) <= t.maxTimeout());
        return checked;
    }

    interface Check {
        void rule(String rule, boolean ok);
    }

    static List<Cell> cells() {
        List<Cell> cells = new ArrayList<>();
        for (Spec team : TEAMS) {
            List<@Nullable Integer> counts = new ArrayList<>();
            counts.add(null);
            counts.addAll(List.of(1, team.canaryAbove(), team.canaryAbove() + 1, team.maxDesktops() + 1));
            List<@Nullable Integer> timeouts = new ArrayList<>();
            timeouts.add(null);
            timeouts.addAll(List.of(team.maxTimeout(), team.maxTimeout() + 1));
            List<@Nullable String> postFinish = new ArrayList<>();
            postFinish.add(null);
            postFinish.addAll(List.of("stop", "reboot"));
            for (String pool : List.of(POOL_A, POOL_B)) {
                for (Kind kind : Kind.values()) {
                    for (String post : postFinish) {
                        for (Integer desktops : counts) {
                            for (Canary canary : Canary.values()) {
                                for (Integer timeout : timeouts) {
                                    cells.add(new Cell(team, pool, kind, post, desktops, canary, timeout));
                                }
                            }
                        }
                    }
                }
            }
        }
        return cells;
    }

    static ScriptExecutionRequest request(Cell c) {
        List<String> desktops = c.desktops() == null ? null
                : IntStream.rangeClosed(1, c.desktops()).mapToObj("00000000-0000-4000-8000-%012d"::formatted).toList();
        Integer grayCount = c.canary() == Canary.NONE ? null : 1;
        Integer threshold = c.canary() == Canary.GRAY_BATCH_AND_THRESHOLD ? 1 : null;
        return switch (c.kind()) {
            case SCRIPT_1, SCRIPT_2 -> new ScriptExecutionRequest(List.of(c.kind() == Kind.SCRIPT_1 ? SCRIPT_1 : SCRIPT_2),
                    grayCount, null, desktops, threshold, null, c.postFinish(), null, null, c.timeout());
            default -> new ScriptExecutionRequest(null, grayCount, null, desktops, threshold, null, c.postFinish(),
                    COMMAND, c.kind().name(), c.timeout());
        };
    }

    /** Creates the request's package-private cross-field validator, as Spring's factory would. */
    static final class PackagePrivateValidators implements ConstraintValidatorFactory {
        @Override
        public <T extends ConstraintValidator<?, ?>> T getInstance(Class<T> key) {
            try {
                return BeanUtils.instantiateClass(key.getDeclaredConstructor(RequestLimits.class), new RequestLimits(DataSize.ofKilobytes(64), 20, 1000, 16384, 200, 50));
            } catch (NoSuchMethodException e) {
                return BeanUtils.instantiateClass(key);
            }
        }

        @Override
        public void releaseInstance(ConstraintValidator<?, ?> instance) {
        }
    }

    static Set<String> rules(Decision decision) {
        return decision.reasons().stream().map(Reason::rule).collect(Collectors.toCollection(LinkedHashSet::new));
    }
}
