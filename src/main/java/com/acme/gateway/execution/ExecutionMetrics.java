package com.acme.gateway.execution;

import com.acme.gateway.lifecycle.Outcome;
import com.acme.gateway.policy.Decision;
import com.acme.gateway.policy.Reason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The gateway's own meters. Tag values are bounded: teams come from the policy (or {@code none}
 * before authentication), outcomes, kinds, decisions and rules are fixed sets.
 */
@Component
public class ExecutionMetrics {

    /** Team tag for requests that never authenticated. */
    public static final String NO_TEAM = "none";
    /** Kind tag for requests whose body could not be read. */
    static final String UNKNOWN_KIND = "unknown";

    private final MeterRegistry registry;
    // the meters of every request, built once per tag combination instead of looked up on each request
    private final Map<Executed, Counter> executions = new ConcurrentHashMap<>();
    private final Map<Executed, Timer> durations = new ConcurrentHashMap<>();
    private final Map<Decided, Counter> decisions = new ConcurrentHashMap<>();
    private final Map<String, DistributionSummary> desktops = new ConcurrentHashMap<>();

    ExecutionMetrics(MeterRegistry registry) {
        this.registry = registry;
        // at zero from the start, so that an alert on increase() sees a pod's first unresolved outcome
        for (String result : new String[] {"resolved", "gave_up", "abandoned"}) {
            unknownOutcomes(result, 0);
        }
    }

    /** One request has ended with this outcome. */
    void executed(String team, Outcome outcome, String kind, Duration duration) {
        executions.computeIfAbsent(new Executed(team, outcome, kind), key -> Counter.builder("gateway.executions")
                .description("Script-execution requests by team, outcome and kind")
                .tags("team", team, "outcome", outcome.value(), "kind", kind)
                .register(registry)).increment();
        durations.computeIfAbsent(new Executed(team, outcome, null), key -> Timer.builder("gateway.execution.duration")
                .description("Time from receiving a script-execution request to answering it")
                .tags("team", team, "outcome", outcome.value())
                .publishPercentileHistogram()
                .register(registry)).record(duration);
    }

    /** Allowed decisions count once under rule {@code none}; denials count once per failed rule. */
    void decided(String team, Decision decision) {
        if (decision.allowed()) {
            decisionCounter(team, "allowed", "none").increment();
            return;
        }
        for (Reason reason : decision.reasons()) {
            decisionCounter(team, "denied", reason.rule()).increment();
        }
    }

    void desktopsTargeted(String team, int desktopCount) {
        desktops.computeIfAbsent(team, key -> DistributionSummary.builder("gateway.desktops.targeted")
                .description("Desktops named per allowed execution request")
                .tags("team", team)
                .publishPercentileHistogram()
                .register(registry)).record(desktopCount);
    }

    /** A request that carried an Idempotency-Key used before: replayed, conflicted (still in flight) or mismatched. */
    void idempotency(String team, String result) {
        Counter.builder("gateway.idempotency.repeats")
                .description("Requests whose Idempotency-Key was used before, by result")
                .tags("team", team, "result", result)
                .register(registry).increment();
    }

    /** Unknown outcomes the resolver settled: resolved (task found), gave_up, or abandoned (pending turned unknown). */
    void unknownOutcomes(String result, int count) {
        Counter.builder("gateway.unknown.outcomes")
                .description("Unknown outcomes handled by the background resolver, by result")
                .tag("result", result)
                .register(registry).increment(count);
    }

    private Counter decisionCounter(String team, String decision, String rule) {
        return decisions.computeIfAbsent(new Decided(team, decision, rule), key -> Counter.builder("gateway.policy.decisions")
                .description("Policy decisions by team, decision and rule")
                .tags("team", team, "decision", decision, "rule", rule)
                .register(registry));
    }

    private record Executed(String team, Outcome outcome, @Nullable String kind) {
    }

    private record Decided(String team, String decision, String rule) {
    }
}
