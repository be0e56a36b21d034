package com.acme.gateway.audit;

import static com.acme.gateway.Fixtures.POOL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.acme.gateway.database.DatabaseOutage;
import com.acme.gateway.database.JdbcSliceOnH2;
import com.acme.gateway.lifecycle.Outcome;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

/** What {@link AuditLog} guarantees, on whichever database the subclass selects. */
@JdbcSliceOnH2
@Import({AuditLog.class, PendingJournal.class, UnknownOutcomeLog.class, DatabaseOutage.class})
abstract class AuditLogContract {

    static final Instant T0 = Instant.parse("2026-03-01T10:00:00.123456Z");

    @Autowired
    AuditLog auditLog;

    @Autowired
    DatabaseOutage outage;

    @Autowired
    JdbcClient jdbc;

    final String team = "team-" + UUID.randomUUID();

    @AfterEach
    void databaseBack() {
        outage.end();
    }

    @Test
    void storesEveryFieldAndReadsItBackUnchanged() {
        AuditEntry entry = AuditEntries.complete(team, "task-" + UUID.randomUUID(), T0);

        auditLog.insert(entry);

        assertThat(auditLog.findByTaskId(team, entry.taskId())).contains(entry);
    }

    @Test
    void rowsSortByIdInTheOrderTheyWereCreatedSoInsertsGoToTheEndOfThePrimaryKey() {
        List<Instant> created = List.of(T0, T0.plusMillis(1), T0.plusSeconds(1), T0.plusSeconds(3600), T0.plusSeconds(86_400 * 400L));
        for (int i : List.of(2, 0, 4, 1, 3)) {
            auditLog.insert(AuditEntries.pendingWithGatewayId(team, created.get(i)));
        }

        List<Instant> byId = jdbc.sql("SELECT created_at FROM audit_events WHERE team = :team ORDER BY id")
                .param("team", team)
                .query((rs, n) -> rs.getObject(1, OffsetDateTime.class).toInstant())
                .list();

        assertThat(byId).containsExactlyElementsOf(created);
    }

    @Test
    void completeRecordsHowAPendingRequestEnded() {
        AuditEntry pending = AuditEntries.pending(team, POOL, T0);
        auditLog.insert(pending);
        String taskId = "task-" + UUID.randomUUID();

        auditLog.complete(pending.id(), new Completion(Outcome.SUBMITTED, 200, null, "up-1", taskId, 1, 850, T0.plusMillis(850)));

        AuditEntry stored = auditLog.findByTaskId(team, taskId).orElseThrow();
        assertThat(stored.outcome()).isEqualTo(Outcome.SUBMITTED);
        assertThat(stored.upstreamStatus()).isEqualTo(200);
        assertThat(stored.upstreamRequestId()).isEqualTo("up-1");
        assertThat(stored.attempts()).isEqualTo(1);
        assertThat(stored.durationMs()).isEqualTo(850L);
        assertThat(stored.completedAt()).isEqualTo(T0.plusMillis(850));
        assertThat(stored.commandContent()).isNull();
        assertThat(stored.desktopCount()).isNull();
    }

    @Test
    void completeRefusesUnknownAndAlreadyCompletedRows() {
        AuditEntry pending = AuditEntries.pending(team, POOL, T0);
        auditLog.insert(pending);
        Completion unknown = new Completion(Outcome.UNKNOWN, null, null, null, null, 1, 15000, T0.plusSeconds(15));
        auditLog.complete(pending.id(), unknown);

        assertThatThrownBy(() -> auditLog.complete(pending.id(), unknown)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> auditLog.complete(UUID.randomUUID(), unknown)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void cutsOverlongUpstreamTextToItsColumnInsteadOfFailing() {
        AuditEntry pending = AuditEntries.pending(team, POOL, T0);
        auditLog.insert(pending);
        String taskId = "task-" + UUID.randomUUID();

        auditLog.complete(pending.id(), new Completion(Outcome.UPSTREAM_REJECTED, 400, "E".repeat(500), "R".repeat(500),
                taskId, 1, 10, T0.plusMillis(10)));

        AuditEntry stored = auditLog.findByTaskId(team, taskId).orElseThrow();
        assertThat(stored.upstreamErrorCode()).isEqualTo("E".repeat(64));
        assertThat(stored.upstreamRequestId()).isEqualTo("R".repeat(128));
    }

    @ParameterizedTest
    @EnumSource(Outcome.class)
    void acceptsEveryOutcome(Outcome outcome) {
        String taskId = "task-" + UUID.randomUUID();

        auditLog.insert(AuditEntries.entry(team, POOL, T0, outcome, taskId));

        assertThat(auditLog.findForTeam(team, new AuditFilter(null, outcome, null, null), new PageRequest(0, 100)).items())
                .extracting(AuditEntry::taskId).contains(taskId);
    }

    @ParameterizedTest
    @EnumSource(value = Outcome.class, names = {"STOP_REQUESTED", "STOPPED", "STOP_FAILED"})
    void aStopRowNamesItsTaskButNeverOwnsIt(Outcome stop) {
        String taskId = "task-" + UUID.randomUUID();
        AuditEntry started = AuditEntries.entry(team, POOL, T0, Outcome.SUBMITTED, taskId);
        auditLog.insert(AuditEntries.entry("operators", POOL, T0.minusSeconds(1), stop, taskId));
        auditLog.insert(started);

        assertThat(auditLog.findByTaskId("operators", taskId)).isEmpty();
        assertThat(auditLog.findByTaskId(team, taskId)).contains(started);
        assertThat(auditLog.findByTaskIdAnyTeam(taskId)).contains(started);
    }

    @Test
    void unavailableDatabaseRaisesAuditUnavailableAndRecoversWithoutRestart() {
        AuditEntry entry = AuditEntries.entry(team, POOL, T0, Outcome.SUBMITTED, "task-" + UUID.randomUUID());
        outage.start();

        assertThatThrownBy(() -> auditLog.insert(entry))
                .isInstanceOf(AuditUnavailableException.class)
                .hasCauseInstanceOf(DataAccessException.class);
        assertThatThrownBy(() -> auditLog.findByTaskId(team, entry.taskId())).isInstanceOf(AuditUnavailableException.class);

        outage.end();
        auditLog.insert(entry);
        assertThat(auditLog.findByTaskId(team, entry.taskId())).contains(entry);
    }
}
