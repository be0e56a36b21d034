package com.acme.gateway.lifecycle;

import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The states an execution's audit row passes through and the moves allowed between them. A row is
 * inserted in {@link #PENDING}, {@link #STOP_REQUESTED} or {@link #ENDED}; only the moves listed
 * here change it afterwards, each by one conditional {@code UPDATE} whose {@code WHERE} is
 * {@link #sqlFrom()} of the target state, so replicas racing on a row change it at most once.
 *
 * <pre>
 * PENDING ──► ENDED (submitted, upstream_rejected, upstream_failed, circuit_open, pool_busy, ...)
 *    └──────► UNKNOWN ──► RESOLVED (the task it started was found)
 *                └──────► GIVEN_UP ──► RESOLVED
 * STOP_REQUESTED ──► STOP_ENDED (stopped, stop_failed)
 * </pre>
 *
 * Each state is what the row's {@code outcome}, {@code task_id} and {@code resolution_given_up_at}
 * columns say together.
 */
public enum ExecutionState {

    /** Audited before the upstream call, which may be under way. */
    PENDING(EnumSet.of(Outcome.PENDING), ""),
    /** Ended with an outcome that is known for good. */
    ENDED(EnumSet.complementOf(EnumSet.of(Outcome.PENDING, Outcome.UNKNOWN, Outcome.STOP_REQUESTED,
            Outcome.STOPPED, Outcome.STOP_FAILED)), ""),
    /** The call may have started a task nobody knows of; the resolver looks for it. */
    UNKNOWN(EnumSet.of(Outcome.UNKNOWN), " AND task_id IS NULL AND resolution_given_up_at IS NULL"),
    /** Unknown, and the resolver stopped looking: operators check the Workspace console. */
    GIVEN_UP(EnumSet.of(Outcome.UNKNOWN), " AND task_id IS NULL AND resolution_given_up_at IS NOT NULL"),
    /** Unknown to the caller, but the task it started was found and recorded. */
    RESOLVED(EnumSet.of(Outcome.UNKNOWN), " AND task_id IS NOT NULL"),
    /** A stop request while the Workspace API is being asked. */
    STOP_REQUESTED(EnumSet.of(Outcome.STOP_REQUESTED), ""),
    /** A stop request that was answered or failed. */
    STOP_ENDED(EnumSet.of(Outcome.STOPPED, Outcome.STOP_FAILED), "");

    private final Set<Outcome> outcomes;
    private final String sql;

    ExecutionState(Set<Outcome> outcomes, String columns) {
        this.outcomes = outcomes;
        this.sql = "(" + outcomeIn(outcomes) + columns + ")";
    }

    /** The states a row may move to from this one. */
    public Set<ExecutionState> next() {
        return switch (this) {
            case PENDING -> EnumSet.of(ENDED, UNKNOWN);
            case UNKNOWN -> EnumSet.of(RESOLVED, GIVEN_UP);
            case GIVEN_UP -> EnumSet.of(RESOLVED);
            case STOP_REQUESTED -> EnumSet.of(STOP_ENDED);
            case ENDED, RESOLVED, STOP_ENDED -> EnumSet.noneOf(ExecutionState.class);
        };
    }

    public boolean canMoveTo(ExecutionState target) {
        return next().contains(target);
    }

    /** The outcomes a row in this state can have. */
    public Set<Outcome> outcomes() {
        return outcomes;
    }

    /** The state a row ending with {@code outcome} is in, before any resolution; never {@code RESOLVED} or {@code GIVEN_UP}. */
    public static ExecutionState of(Outcome outcome) {
        return Arrays.stream(values()).filter(state -> state.outcomes.contains(outcome)).findFirst().orElseThrow();
    }

    /** The SQL condition on an {@code audit_events} row that holds exactly in this state. */
    public String sql() {
        return sql;
    }

    /** The SQL condition that holds in every state allowed to move to this one: the guard of the move. */
    public String sqlFrom() {
        return sqlAnyOf(Arrays.stream(values()).filter(state -> state.canMoveTo(this)).toList());
    }

    /** The SQL condition that holds in any of these states. */
    public static String sqlAnyOf(Collection<ExecutionState> states) {
        return states.stream().map(ExecutionState::sql).collect(Collectors.joining(" OR ", "(", ")"));
    }

    /** {@code outcome IN ('a', 'b')}: the stored values of these outcomes. */
    public static String outcomeIn(Set<Outcome> outcomes) {
        return outcomes.stream().map(outcome -> "'" + outcome.value() + "'")
                .collect(Collectors.joining(", ", "outcome IN (", ")"));
    }
}
