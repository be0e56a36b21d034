package com.acme.gateway.audit;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The rows besides its audit row that a request commits before it is sent, as the gateway writes them. */
final class JournalRows {

    private JournalRows() {
    }

    /** Names the key on the audit row, claims it and the pool's slot 0 for request {@code id}, at {@code at}. */
    static void claim(JdbcClient jdbc, UUID id, String team, String key, String pool, Instant at) {
        OffsetDateTime time = at.atOffset(ZoneOffset.UTC);
        jdbc.sql("UPDATE audit_events SET idempotency_key = :key WHERE id = :id").param("key", key).param("id", id).update();
        jdbc.sql("""
                INSERT INTO idempotency_keys (team, idempotency_key, fingerprint, state, audit_id, created_at, expires_at)
                VALUES (:team, :key, 'f0', 'IN_FLIGHT', :id, :at, :expires)""")
                .param("team", team).param("key", key).param("id", id).param("at", time).param("expires", time.plusDays(1))
                .update();
        jdbc.sql("""
                INSERT INTO pool_rollouts (pool_id, slot, audit_id, team, claimed_at, status_seen_at)
                VALUES (:pool, 0, :id, :team, :at, :at)""")
                .param("pool", pool).param("id", id).param("team", team).param("at", time).update();
    }

    static void claim(JdbcClient jdbc, UUID id, String team, String key, String pool) {
        claim(jdbc, id, team, key, pool, Instant.now());
    }
}
