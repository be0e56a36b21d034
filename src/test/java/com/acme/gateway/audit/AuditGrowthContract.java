package com.acme.gateway.audit;

import static com.acme.gateway.Fixtures.POOL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;

import com.acme.gateway.MutableClock;
import com.acme.gateway.database.DatabaseOutage;
import com.acme.gateway.database.JdbcSliceOnH2;
import com.acme.gateway.lifecycle.Outcome;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The audit trail's growth is bounded: refused requests are aggregated, old rows are purged. */
@JdbcSliceOnH2
@Import({AuditLog.class, PendingJournal.class, DatabaseOutage.class})
abstract class AuditGrowthContract {

    static final Instant SECOND = Instant.parse("2026-03-01T10:00:00Z");

    @Autowired
    AuditLog auditLog;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    DatabaseOutage outage;

    final String team = "team-" + UUID.randomUUID();

    @AfterEach
    void databaseBack() {
        outage.end();
    }

    @Test
    void countsRefusedRequestsIntoOneRowPerTeamAndSecond() {
        AuditEntry first = refused(team, SECOND.plusMillis(5));
        auditLog.countRefused(first);
        auditLog.countRefused(refused(team, SECOND.plusMillis(500)));
        auditLog.countRefused(refused(team, SECOND.plusMillis(999)));
        auditLog.countRefused(refused(team, SECOND.plusMillis(1000)));
        auditLog.countRefused(refused(team, SECOND.plusMillis(1700)));
        String other = "team-" + UUID.randomUUID();
        auditLog.countRefused(refused(other, SECOND.plusMillis(10)));

        List<Map<String, Object>> rows = rows(team);
        assertThat(rows).extracting(row -> row.get("refused_count")).containsExactly(3, 2);
        assertThat(rows.getFirst()).containsEntry("request_id", first.requestId()).containsEntry("outcome", "rate_limited");
        assertThat(instant(rows.getFirst(), "created_at")).isEqualTo(SECOND.plusMillis(5));
        assertThat(instant(rows.getFirst(), "completed_at")).isEqualTo(SECOND.plusMillis(999));
        assertThat(rows(other)).extracting(row -> row.get("refused_count")).containsExactly(1);
    }

    @Test
    void concurrentRefusalsAllAddUpInTheOneRow() throws Exception {
        try (ExecutorService threads = Executors.newFixedThreadPool(8)) {
            IntStream.range(0, 400).forEach(i -> threads.submit(() -> auditLog.countRefused(refused(team, SECOND.plusMillis(i)))));
        }

        assertThat(rows(team)).extracting(row -> row.get("refused_count")).containsExactly(400);
    }

    @Test
    void purgeDeletesOnlyRowsOlderThanTheCutoffInBatches() {
        Instant cutoff = Instant.parse("1991-01-01T00:00:00Z");
        IntStream.range(0, 5).forEach(i -> auditLog.insert(
                AuditEntries.entry(team, POOL, cutoff.minus(Duration.ofDays(i + 1)), Outcome.SUBMITTED, null)));
        auditLog.insert(AuditEntries.entry(team, POOL, cutoff, Outcome.SUBMITTED, null));
        auditLog.insert(AuditEntries.entry(team, POOL, SECOND, Outcome.SUBMITTED, null));

        assertThat(auditLog.purgeOlderThan(cutoff, 2)).isEqualTo(5);

        assertThat(rows(team)).extracting(row -> instant(row, "created_at")).containsExactly(cutoff, SECOND);
    }

    @Test
    void purgeJobDeletesRowsPastTheRetentionAndSkipsItsTurnWhileTheDatabaseIsDown() {
        MutableClock clock = new MutableClock(SECOND);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        AuditPurgeJob job = new AuditPurgeJob(auditLog, new AuditRetention(Duration.ofDays(400), Duration.ofMillis(1), 100),
                new DefaultLockingTaskExecutor(new JdbcTemplateLockProvider(dataSource)), clock, meters);
        auditLog.insert(AuditEntries.entry(team, POOL, SECOND.minus(Duration.ofDays(401)), Outcome.DENIED, null));
        auditLog.insert(AuditEntries.entry(team, POOL, SECOND.minus(Duration.ofDays(399)), Outcome.DENIED, null));

        outage.start();
        assertThatCode(job::purgeOnOneReplica).doesNotThrowAnyException();
        outage.end();
        assertThat(rows(team)).hasSize(2);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            job.purgeOnOneReplica(); // the lock is held for the 1 ms interval after a run
            assertThat(rows(team)).extracting(row -> instant(row, "created_at"))
                    .containsExactly(SECOND.minus(Duration.ofDays(399)));
        });
        assertThat(meters.counter("gateway.audit.purged").count()).isGreaterThanOrEqualTo(1);
    }

    private static AuditEntry refused(String team, Instant at) {
        return AuditEntries.entry(team, POOL, at, Outcome.RATE_LIMITED, null);
    }

    private List<Map<String, Object>> rows(String team) {
        return jdbc.sql("SELECT * FROM audit_events WHERE team = ? ORDER BY created_at").param(team).query().listOfRows();
    }

    private static Instant instant(Map<String, Object> row, String column) {
        return switch (row.get(column)) {
            case java.time.OffsetDateTime time -> time.toInstant();
            case java.sql.Timestamp time -> time.toInstant();
            case null, default -> throw new IllegalStateException(column + " is " + row.get(column));
        };
    }
}
