package com.acme.gateway.lifecycle;

import static com.acme.gateway.lifecycle.ExecutionState.ENDED;
import static com.acme.gateway.lifecycle.ExecutionState.GIVEN_UP;
import static com.acme.gateway.lifecycle.ExecutionState.PENDING;
import static com.acme.gateway.lifecycle.ExecutionState.RESOLVED;
import static com.acme.gateway.lifecycle.ExecutionState.STOP_ENDED;
import static com.acme.gateway.lifecycle.ExecutionState.STOP_REQUESTED;
import static com.acme.gateway.lifecycle.ExecutionState.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ExecutionStateTest {

    @Test
    void theTransitionTableIsExactlyTheLifeOfAnAuditRow() {
        Map<ExecutionState, Set<ExecutionState>> table = new EnumMap<>(ExecutionState.class);
        Arrays.stream(ExecutionState.values()).forEach(state -> table.put(state, state.next()));

        assertThat(table).containsExactlyInAnyOrderEntriesOf(Map.of(
                PENDING, Set.of(ENDED, UNKNOWN),
                UNKNOWN, Set.of(RESOLVED, GIVEN_UP),
                GIVEN_UP, Set.of(RESOLVED),
                STOP_REQUESTED, Set.of(STOP_ENDED),
                ENDED, Set.of(),
                RESOLVED, Set.of(),
                STOP_ENDED, Set.of()));
    }

    @ParameterizedTest
    @EnumSource(ExecutionState.class)
    void noStateMovesToItselfOrBackToWhereItCameFrom(ExecutionState state) {
        assertThat(state.canMoveTo(state)).isFalse();
        state.next().forEach(next -> assertThat(next.canMoveTo(state)).as(next + " back to " + state).isFalse());
    }

    @ParameterizedTest
    @EnumSource(Outcome.class)
    void everyOutcomeStartsInOneStateAndAFinishedRequestCannotBeCompletedAgain(Outcome outcome) {
        ExecutionState state = ExecutionState.of(outcome);

        assertThat(Arrays.stream(ExecutionState.values()).filter(s -> s.outcomes().contains(outcome)))
                .as("states an %s row can be in", outcome.value())
                .allMatch(s -> s == state || s == GIVEN_UP || s == RESOLVED);
        assertThat(state).isNotIn(GIVEN_UP, RESOLVED);
        assertThat(ENDED.canMoveTo(state)).isFalse();
    }

    @Test
    void onlyAPendingRowEndsWithAnUpstreamOutcomeAndOnlyAStopRowEndsAsAStop() {
        assertThat(PENDING.canMoveTo(ExecutionState.of(Outcome.SUBMITTED))).isTrue();
        assertThat(PENDING.canMoveTo(ExecutionState.of(Outcome.UNKNOWN))).isTrue();
        assertThat(PENDING.canMoveTo(ExecutionState.of(Outcome.STOPPED))).isFalse();
        assertThat(STOP_REQUESTED.canMoveTo(ExecutionState.of(Outcome.STOP_FAILED))).isTrue();
        assertThat(STOP_REQUESTED.canMoveTo(ExecutionState.of(Outcome.UPSTREAM_FAILED))).isFalse();
    }

    @Test
    void theSqlOfAStateNamesItsOutcomesAndColumns() {
        assertThat(PENDING.sql()).isEqualTo("(outcome IN ('pending'))");
        assertThat(UNKNOWN.sql())
                .isEqualTo("(outcome IN ('unknown') AND task_id IS NULL AND resolution_given_up_at IS NULL)");
        assertThat(GIVEN_UP.sql())
                .isEqualTo("(outcome IN ('unknown') AND task_id IS NULL AND resolution_given_up_at IS NOT NULL)");
        assertThat(STOP_ENDED.sql()).isEqualTo("(outcome IN ('stopped', 'stop_failed'))");
    }

    @Test
    void theGuardOfAMoveHoldsInEveryStateThatMayMakeIt() {
        assertThat(RESOLVED.sqlFrom()).isEqualTo("(" + UNKNOWN.sql() + " OR " + GIVEN_UP.sql() + ")");
        assertThat(UNKNOWN.sqlFrom()).isEqualTo("(" + PENDING.sql() + ")");
        assertThat(STOP_ENDED.sqlFrom()).isEqualTo("(" + STOP_REQUESTED.sql() + ")");
    }
}
