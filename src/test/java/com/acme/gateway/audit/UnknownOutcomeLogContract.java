package com.acme.gateway.audit;

import static com.acme.gateway.Fixtures.POOL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import com.acme.gateway.database.DatabaseOutage;
import com.acme.gateway.database.JdbcSliceOnH2;
import com.acme.gateway.lifecycle.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What {@link UnknownOutcomeLog} guarantees, on whichever database the subclass selects. Its bulk
 * updates touch every row created before a time, so these tests keep to the year 2000, which the
 * other audit tests never use, and empty it before each test.
 */
@JdbcSliceOnH2
// the same imports as AuditLogContract, so both share one context per database
@Import({AuditLog.class, PendingJournal.class, UnknownOutcomeLog.class, DatabaseOutage.class})
abstract class UnknownOutcomeLogContract {

    static final Instant T0 = Instant.parse("2000-06-01T10:00:00Z");
    static final String OTHER_POOL = "b240bc4b-83c0-4c82-cbb0-b05098d9f449";

    @Autowired
    AuditLog auditLog;

    @Autowired
    UnknownOutcomeLog unknown;

    @Autowired
    JdbcClient jdbc;

    final String team = "team-" + UUID.randomUUID();

    @BeforeEach
    void emptyTheYear2000() {
        jdbc.sql("DELETE FROM audit_events WHERE created_at < :end")
                .param("end", OffsetDateTime.parse("2001-01-01T00:00:00Z")).update();
    }

    @Test
    void unresolvedRowsAreUnknownWithoutTaskNewestFirst() {
        AuditEntry old = unknownAt(T0.minusSeconds(600));
        AuditEntry newer = unknownAt(T0.minusSeconds(300));
        AuditEntry tooRecent = unknownAt(T0);
        AuditEntry withTask = AuditEntries.entry(team, POOL, T0.minusSeconds(600), Outcome.UNKNOWN, "task-" + UUID.randomUUID());
        AuditEntry failed = AuditEntries.entry(team, POOL, T0.minusSeconds(600), Outcome.UPSTREAM_FAILED, null);
        List.of(old, newer, tooRecent, withTask, failed).forEach(auditLog::insert);

        assertThat(unknown.findUnresolved(T0, 1000)).extracting(AuditEntry::id).containsExactly(newer.id(), old.id());
        assertThat(unknown.findUnresolved(T0, 1)).extracting(AuditEntry::id).containsExactly(newer.id());
    }

    @Test
    void attachingATaskResolvesAnUnknownRowOnce() {
        AuditEntry row = unknownAt(T0);
        AuditEntry failed = AuditEntries.entry(team, POOL, T0, Outcome.UPSTREAM_FAILED, null);
        List.of(row, failed).forEach(auditLog::insert);
        String taskId = "task-" + UUID.randomUUID();

        assertThat(unknown.attachTaskId(row.id(), taskId)).isTrue();
        assertThat(unknown.attachTaskId(row.id(), "task-" + UUID.randomUUID())).as("already resolved").isFalse();
        assertThat(unknown.attachTaskId(failed.id(), "task-" + UUID.randomUUID())).as("not unknown").isFalse();

        assertThat(auditLog.findByTaskId(team, taskId)).map(AuditEntry::outcome).contains(Outcome.UNKNOWN);
        assertThat(unknown.findUnresolved(T0.plusSeconds(1), 1000)).isEmpty();
        assertThat(unknown.isTaskRecorded(taskId)).isTrue();
        assertThat(unknown.isTaskRecorded("task-" + UUID.randomUUID())).isFalse();
    }

    @Test
    void givingUpStopsResolutionOfOldRowsOnlyAndOnlyOnce() {
        AuditEntry old = unknownAt(T0.minus(Duration.ofHours(2)));
        AuditEntry recent = unknownAt(T0.minusSeconds(60));
        List.of(old, recent).forEach(auditLog::insert);

        assertThat(unknown.giveUp(T0.minus(Duration.ofHours(1)), T0)).isEqualTo(1);
        assertThat(unknown.giveUp(T0.minus(Duration.ofHours(1)), T0)).as("a second replica").isZero();

        assertThat(unknown.findUnresolved(T0, 1000)).extracting(AuditEntry::id).containsExactly(recent.id());
        assertThat(unknown.findWithoutTask(POOL, T0.minus(Duration.ofHours(3)), T0, 100)).extracting(AuditEntry::id)
                .as("a given-up row may still have started a task").contains(old.id());
        assertThat(unknown.attachTaskId(old.id(), "task-" + UUID.randomUUID())).isTrue();
    }

    @Test
    void pendingRowsLeftBehindBecomeUnknownOnce() {
        AuditEntry stale = AuditEntries.pending(team, POOL, T0.minus(Duration.ofMinutes(10)));
        AuditEntry running = AuditEntries.pending(team, POOL, T0.minusSeconds(10));
        List.of(stale, running).forEach(auditLog::insert);

        assertThat(unknown.expirePending(T0.minus(Duration.ofMinutes(5)), T0)).isEqualTo(1);
        assertThat(unknown.expirePending(T0.minus(Duration.ofMinutes(5)), T0)).isZero();

        assertThat(unknown.findUnresolved(T0, 1000)).extracting(AuditEntry::id).containsExactly(stale.id());
        Completion late = new Completion(Outcome.SUBMITTED, 200, null, null, "task-1", 1, 1, T0);
        assertThatIllegalStateException().as("the late answer of an expired row").isThrownBy(() -> auditLog.complete(stale.id(), late));
        auditLog.complete(running.id(), late);
    }

    @Test
    void rowsWithoutTaskAreFoundByPoolAndCreationTime() {
        AuditEntry pending = AuditEntries.pending(team, POOL, T0);
        AuditEntry unknownRow = unknownAt(T0.plusSeconds(60));
        AuditEntry otherPool = AuditEntries.entry(team, OTHER_POOL, T0, Outcome.UNKNOWN, null);
        AuditEntry earlier = unknownAt(T0.minusSeconds(1));
        AuditEntry submitted = AuditEntries.entry(team, POOL, T0, Outcome.SUBMITTED, "task-" + UUID.randomUUID());
        AuditEntry denied = AuditEntries.entry(team, POOL, T0, Outcome.DENIED, null);
        List.of(pending, unknownRow, otherPool, earlier, submitted, denied).forEach(auditLog::insert);

        assertThat(unknown.findWithoutTask(POOL, T0, T0.plusSeconds(60), 100)).extracting(AuditEntry::id)
                .containsExactly(pending.id(), unknownRow.id());
    }

    private AuditEntry unknownAt(Instant createdAt) {
        return AuditEntries.entry(team, POOL, createdAt, Outcome.UNKNOWN, null);
    }
}
