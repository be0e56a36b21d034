package com.acme.gateway.audit;

import static com.acme.gateway.audit.AuditLog.guarded;

import com.acme.gateway.lifecycle.ExecutionState;
import com.acme.gateway.lifecycle.Outcome;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The audit rows of requests whose outcome is unknown, for the background resolver: a row in
 * {@link ExecutionState#UNKNOWN} is looked for until it is {@link ExecutionState#RESOLVED} or
 * {@link ExecutionState#GIVEN_UP}. Every update is conditional on the states its move starts from,
 * so replicas running the resolver at once change each row at most once.
 */
@Component
public class UnknownOutcomeLog {

    private static final String SELECT = "SELECT " + AuditRows.COLUMNS + " FROM audit_events";
    private static final String WITHOUT_TASK = ExecutionState.sqlAnyOf(
            List.of(ExecutionState.PENDING, ExecutionState.UNKNOWN, ExecutionState.GIVEN_UP));
    private static final int MAX_BATCH = 1000;

    private final JdbcClient jdbc;

    UnknownOutcomeLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Unresolved rows created before {@code createdBefore}; newest first, so old dead ends don't starve new ones. */
    public List<AuditEntry> findUnresolved(Instant createdBefore, int limit) {
        checkLimit(limit);
        return guarded(() -> jdbc.sql(SELECT + " WHERE " + ExecutionState.UNKNOWN.sql()
                        + " AND created_at < :before ORDER BY created_at DESC, id DESC LIMIT :limit")
                .param("before", AuditRows.timestamp(createdBefore))
                .param("limit", limit)
                .query(AuditRows::map)
                .list());
    }

    /**
     * Rows of one pool, created in {@code [from, to]}, that may have started a task nobody knows
     * about: pending or unknown without a task id, given up or not.
     */
    public List<AuditEntry> findWithoutTask(String poolId, Instant from, Instant to, int limit) {
        checkLimit(limit);
        return guarded(() -> jdbc.sql(SELECT + " WHERE " + WITHOUT_TASK
                        + " AND pool_id = :poolId AND created_at >= :from AND created_at <= :to"
                        + " ORDER BY created_at, id LIMIT :limit")
                .param("poolId", poolId)
                .param("from", AuditRows.timestamp(from))
                .param("to", AuditRows.timestamp(to))
                .param("limit", limit)
                .query(AuditRows::map)
                .list());
    }

    /** Whether any row, of any team, already names this task. */
    public boolean isTaskRecorded(String taskId) {
        return guarded(() -> jdbc.sql("SELECT COUNT(*) FROM audit_events WHERE task_id = :taskId")
                .param("taskId", taskId)
                .query(Long.class)
                .single()) > 0;
    }

    /** Records the task an unresolved row turned out to have started; false when the row was not unresolved. */
    public boolean attachTaskId(UUID id, String taskId) {
        return guarded(() -> jdbc.sql("UPDATE audit_events SET task_id = :taskId WHERE id = :id AND "
                        + ExecutionState.RESOLVED.sqlFrom())
                .param("id", id)
                .param("taskId", taskId)
                .update()) == 1;
    }

    /** Stops resolving unresolved rows created before {@code createdBefore}; returns how many this call stopped. */
    public int giveUp(Instant createdBefore, Instant now) {
        return guarded(() -> jdbc.sql("UPDATE audit_events SET resolution_given_up_at = :now WHERE "
                        + ExecutionState.GIVEN_UP.sqlFrom() + " AND created_at < :before")
                .param("now", AuditRows.timestamp(now))
                .param("before", AuditRows.timestamp(createdBefore))
                .update());
    }

    /**
     * Marks rows still pending from before {@code createdBefore} as unknown: their request was
     * audited and may have been sent, but the replica handling it never recorded an answer
     * (it stopped, or the database was away when it tried). Returns how many rows this call changed.
     */
    public int expirePending(Instant createdBefore, Instant now) {
        return guarded(() -> jdbc.sql("UPDATE audit_events SET outcome = :unknown, completed_at = :now"
                        + " WHERE " + ExecutionState.UNKNOWN.sqlFrom() + " AND created_at < :before")
                .param("unknown", Outcome.UNKNOWN.value())
                .param("now", AuditRows.timestamp(now))
                .param("before", AuditRows.timestamp(createdBefore))
                .update());
    }

    private static void checkLimit(int limit) {
        if (limit < 1 || limit > MAX_BATCH) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_BATCH + ", was " + limit);
        }
    }
}
