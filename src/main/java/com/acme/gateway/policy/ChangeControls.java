package com.acme.gateway.policy;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * The platform team's controls over when anything may run, on top of what a team may run: the
 * policy's freeze and the team's change windows, both read from the policy in force at the moment
 * of the request, so a reloaded file or a freeze's end takes effect at once.
 */
@Component
public class ChangeControls {

    private final PolicyStore policies;
    private final Clock clock;

    ChangeControls(PolicyStore policies, Clock clock) {
        this.policies = policies;
        this.clock = clock;
    }

    /**
     * The team's decision with the {@code freeze} and {@code window} rules added: a failed control
     * denies; a passed one is listed among the reasons of an allowed decision. Nothing is added when
     * neither control applies to the team and pool.
     */
    public Decision apply(Decision decision, TeamPolicy team, String poolId) {
        Policy policy = policies.current();
        String pool = poolId.toLowerCase(Locale.ROOT);
        List<RuleCheck> checks = Stream.of(
                        Optional.ofNullable(policy.freeze()).flatMap(freeze -> freeze.check(team.name(), pool, clock.instant())),
                        policy.windowsOf(team.name()).check(pool, clock.instant()))
                .flatMap(Optional::stream).toList();
        List<Reason> failed = checks.stream().filter(check -> !check.passed()).map(RuleCheck::reason).toList();
        if (failed.isEmpty()) {
            return decision.allowed()
                    ? new Decision.Allowed(concat(decision.reasons(), checks.stream().map(RuleCheck::reason).toList()))
                    : decision;
        }
        return new Decision.Denied(decision.allowed() ? failed : concat(decision.reasons(), failed));
    }

    private static List<Reason> concat(List<Reason> first, List<Reason> second) {
        List<Reason> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
