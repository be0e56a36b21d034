package com.acme.gateway.execution;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The {@code pool_rollouts} table: slots of a pool, claimed atomically by their primary key. */
@Component
class PoolRolloutTable {

    /** A claimed slot with what the audit trail says about its request (null outcome: no audit row). */
    record Rollout(String poolId, int slot, UUID auditId, Instant claimedAt, Instant statusSeenAt,
            @Nullable String outcome, @Nullable String taskId) {
    }

    private final JdbcClient jdbc;

    PoolRolloutTable(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Rollout> onPool(String poolId) {
        return jdbc.sql("""
                SELECT r.pool_id, r.slot, r.audit_id, r.claimed_at, r.status_seen_at, a.outcome, a.task_id
                FROM pool_rollouts r LEFT JOIN audit_events a ON a.id = r.audit_id
                WHERE r.pool_id = :pool ORDER BY r.claimed_at, r.slot""")
                .param("pool", poolId)
                .query((rs, n) -> new Rollout(rs.getString("pool_id"), rs.getInt("slot"),
                        rs.getObject("audit_id", UUID.class), rs.getObject("claimed_at", OffsetDateTime.class).toInstant(),
                        rs.getObject("status_seen_at", OffsetDateTime.class).toInstant(), rs.getString("outcome"),
                        rs.getString("task_id")))
                .list();
    }

    /** Claims a free slot; false when another request holds it. {@code ON CONFLICT DO NOTHING} works on PostgreSQL and H2. */
    boolean claim(String poolId, int slot, UUID auditId, String team, Instant now) {
        return jdbc.sql("""
                INSERT INTO pool_rollouts (pool_id, slot, audit_id, team, claimed_at, status_seen_at)
                VALUES (:pool, :slot, :auditId, :team, :now, :now)
                ON CONFLICT DO NOTHING""")
                .param("pool", poolId)
                .param("slot", slot)
                .param("auditId", auditId)
                .param("team", team)
                .param("now", timestamp(now))
                .update() == 1;
    }

    void seenRunning(UUID auditId, Instant now) {
        jdbc.sql("UPDATE pool_rollouts SET status_seen_at = :now WHERE audit_id = :auditId")
                .param("now", timestamp(now)).param("auditId", auditId).update();
    }

    void release(UUID auditId) {
        jdbc.sql("DELETE FROM pool_rollouts WHERE audit_id = :auditId").param("auditId", auditId).update();
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
