package com.acme.gateway.audit;

import com.acme.gateway.lifecycle.ExecutionState;
import com.acme.gateway.lifecycle.Outcome;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The audit trail in the database. Every database failure surfaces as
 * {@link AuditUnavailableException}; listings are newest first with the id as tie-breaker, so
 * paging is stable.
 */
@Component
public class AuditLog {

    private static final String SELECT = "SELECT " + AuditRows.COLUMNS + " FROM audit_events";
    /** Stop requests name a task too but never started it. */
    private static final String STARTED = "NOT " + ExecutionState.sqlAnyOf(
            List.of(ExecutionState.STOP_REQUESTED, ExecutionState.STOP_ENDED));
    private static final String NEWEST_FIRST = " ORDER BY created_at DESC, id DESC";

    private final JdbcClient jdbc;
    private final PendingJournal journal;

    AuditLog(JdbcClient jdbc, PendingJournal journal) {
        this.jdbc = jdbc;
        this.journal = journal;
    }

    /**
     * Makes what request {@code id} committed before it is sent (its pending row, the claim of its
     * Idempotency-Key, its pool slot) survive the JVM being killed before the caller acts on it. On
     * the embedded H2, which stores committed changes only every 500 ms, they go to its journal
     * ({@link PendingJournal}); nothing to do on PostgreSQL, whose commit is durable.
     *
     * @throws AuditUnavailableException when they could not be made durable: send nothing
     */
    public void makeDurable(UUID id) {
        journal.append(id);
    }

    public void insert(AuditEntry entry) {
        guarded(() -> jdbc.sql(AuditRows.INSERT).paramSource(AuditRows.parameters(entry)).update());
    }

    /**
     * Counts a request refused by the rate limit into its team's row for the second it arrived in
     * (the row's id is derived from both), creating that row from {@code refused} when it is the
     * first; {@code completed_at} is the latest of them. Concurrent replicas meet on the primary key,
     * so every refused request is counted once and a flood adds at most one row per team and second.
     */
    public void countRefused(AuditEntry refused) {
        if (refused.outcome() != Outcome.RATE_LIMITED) {
            throw new IllegalArgumentException("only rate_limited rows count refused requests");
        }
        UUID id = refusedRowId(refused.team(), refused.createdAt());
        MapSqlParameterSource params = AuditRows.parameters(refused).addValue("id", id).addValue("refused_count", 1)
                .addValue("completed_at", AuditRows.timestamp(refused.createdAt()));
        guarded(() -> {
            if (incrementRefused(params) == 0) {
                try {
                    jdbc.sql(AuditRows.INSERT).paramSource(params).update();
                } catch (DuplicateKeyException raced) {
                    incrementRefused(params);
                }
            }
            return null;
        });
    }

    private int incrementRefused(MapSqlParameterSource params) {
        return jdbc.sql("""
                UPDATE audit_events SET refused_count = refused_count + 1,
                    completed_at = CASE WHEN completed_at < :completed_at THEN :completed_at ELSE completed_at END
                WHERE id = :id AND outcome = :outcome""").paramSource(params).update();
    }

    private static UUID refusedRowId(@Nullable String team, Instant at) {
        return UUID.nameUUIDFromBytes(("rate_limited/" + team + "/" + at.getEpochSecond()).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Records how a pending request ended.
     *
     * @throws IllegalStateException when there is no pending row with this id
     */
    public void complete(UUID id, Completion c) {
        complete(id, c, ExecutionState.PENDING);
    }

    /**
     * Records how a stop request ended.
     *
     * @throws IllegalStateException when there is no stop row in flight with this id
     */
    public void completeStop(UUID id, Completion c) {
        complete(id, c, ExecutionState.STOP_REQUESTED);
    }

    private void complete(UUID id, Completion c, ExecutionState from) {
        if (!from.canMoveTo(ExecutionState.of(c.outcome()))) {
            throw new IllegalArgumentException("a " + from + " row cannot end " + c.outcome().value());
        }
        MapSqlParameterSource params = AuditRows.upstreamParameters(
                        c.upstreamStatus(), c.upstreamErrorCode(), c.upstreamRequestId(), c.taskId())
                .addValue("id", id)
                .addValue("outcome", c.outcome().value())
                .addValue("attempts", c.attempts())
                .addValue("duration_ms", c.durationMs())
                .addValue("completed_at", AuditRows.timestamp(c.completedAt()));
        int updated = guarded(() -> jdbc.sql("""
                UPDATE audit_events SET outcome = :outcome, upstream_status = :upstream_status,
                    upstream_error_code = :upstream_error_code, upstream_request_id = :upstream_request_id,
                    task_id = :task_id, attempts = :attempts, duration_ms = :duration_ms, completed_at = :completed_at
                WHERE id = :id AND """ + from.sql()).paramSource(params).update());
        if (updated == 0) {
            throw new IllegalStateException("no " + from + " audit row " + id);
        }
    }

    /** Deletes the rows created before {@code cutoff}, {@code batchSize} at a time; how many were deleted. */
    int purgeOlderThan(Instant cutoff, int batchSize) {
        int total = 0;
        int deleted;
        do {
            deleted = guarded(() -> jdbc.sql("""
                    DELETE FROM audit_events WHERE id IN (
                        SELECT id FROM audit_events WHERE created_at < :cutoff ORDER BY created_at LIMIT :batch)""")
                    .param("cutoff", AuditRows.timestamp(cutoff)).param("batch", batchSize).update());
            total += deleted;
        } while (deleted == batchSize);
        return total;
    }

    /**
     * The row that started a task, only when it belongs to {@code team}; the first row if replays
     * repeat the id. Stop requests name the task too but never own it.
     */
    public Optional<AuditEntry> findByTaskId(String team, String taskId) {
        return guarded(() -> jdbc.sql(SELECT + " WHERE team = :team AND task_id = :taskId AND " + STARTED
                        + " ORDER BY created_at, id LIMIT 1")
                .param("team", team)
                .param("taskId", taskId)
                .query(AuditRows::map)
                .optional());
    }

    /** The row that started a task, whichever team it belongs to: only for callers allowed to act on any task. */
    public Optional<AuditEntry> findByTaskIdAnyTeam(String taskId) {
        return guarded(() -> jdbc.sql(SELECT + " WHERE task_id = :taskId AND team IS NOT NULL AND " + STARTED
                        + " ORDER BY created_at, id LIMIT 1")
                .param("taskId", taskId)
                .query(AuditRows::map)
                .optional());
    }

    public Page<AuditEntry> findForTeam(String team, AuditFilter filter, PageRequest page) {
        return find(team, filter, page);
    }

    /** All teams' rows: only for callers allowed to read the whole audit trail. */
    public Page<AuditEntry> findAll(AuditFilter filter, PageRequest page) {
        return find(null, filter, page);
    }

    private Page<AuditEntry> find(@Nullable String team, AuditFilter filter, PageRequest page) {
        MapSqlParameterSource params = new MapSqlParameterSource();
        StringJoiner where = new StringJoiner(" AND ", " WHERE ", "").setEmptyValue("");
        condition(where, params, "team = :team", "team", team);
        condition(where, params, "pool_id = :poolId", "poolId", filter.poolId());
        condition(where, params, "outcome = :outcome", "outcome", filter.outcome() == null ? null : filter.outcome().value());
        condition(where, params, "created_at >= :from", "from", AuditRows.timestamp(filter.from()));
        condition(where, params, "created_at < :to", "to", AuditRows.timestamp(filter.to()));
        params.addValue("limit", page.size()).addValue("offset", page.offset());
        return guarded(() -> {
            long total = jdbc.sql("SELECT COUNT(*) FROM audit_events" + where).paramSource(params).query(Long.class).single();
            List<AuditEntry> items = jdbc.sql(SELECT + where + NEWEST_FIRST + " LIMIT :limit OFFSET :offset")
                    .paramSource(params)
                    .query(AuditRows::map)
                    .list();
            return new Page<>(items, page.page(), page.size(), total);
        });
    }

    private static void condition(StringJoiner where, MapSqlParameterSource params, String sql, String name,
            @Nullable Object value) {
        if (value != null) {
            where.add(sql);
            params.addValue(name, value);
        }
    }

    static <T> T guarded(Supplier<T> work) {
        try {
            return work.get();
        } catch (DataAccessException e) {
            throw new AuditUnavailableException("audit store unavailable", e);
        }
    }
}
