package com.acme.gateway.idempotency;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The SQL behind {@link IdempotencyStore}: one statement per method, each atomic on its own.
 * Whether a claim is abandoned is judged by the database clock ({@code CURRENT_TIMESTAMP}, also
 * what {@code created_at} of a claim is), so replicas with skewed clocks agree.
 */
final class IdempotencyKeyTable {

    private static final JsonMapper JSON = JsonMapper.shared();
    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() { };

    /** True when a claim is older than the in-flight timeout, by the database clock. */
    private static final String ABANDONED = "created_at < CURRENT_TIMESTAMP - CAST(:timeoutMillis AS BIGINT) * INTERVAL '0.001' SECOND";

    /** {@code idempotency_keys.state}: a key is claimed in flight, then completed with its answer (never back). */
    private enum State {
        IN_FLIGHT, COMPLETED;

        /** {@code state = 'NAME'}: the condition on a row in this state, and the assignment that puts it there. */
        String sql() {
            return "state = '" + name() + "'";
        }
    }

    private static final String IN_FLIGHT = State.IN_FLIGHT.sql();
    private static final String COMPLETED = State.COMPLETED.sql();
    /** A completed key lives {@code retention} from its completion. */
    private static final String FRESH_EXPIRY = "completed_at = :now, expires_at = :expires";

    private final JdbcClient jdbc;
    private final Duration retention;
    private final long inFlightTimeoutMillis;

    IdempotencyKeyTable(JdbcClient jdbc, Duration retention, Duration inFlightTimeout) {
        this.jdbc = jdbc;
        this.retention = retention;
        this.inFlightTimeoutMillis = inFlightTimeout.toMillis();
    }

    void deleteIfExpired(String team, String key, OffsetDateTime now) {
        jdbc.sql("DELETE FROM idempotency_keys WHERE team = :team AND idempotency_key = :key AND expires_at < :now")
                .param("team", team)
                .param("key", key)
                .param("now", now)
                .update();
    }

    /** Inserts an in-flight claim unless the key exists; {@code ON CONFLICT DO NOTHING} works on PostgreSQL and H2. */
    boolean insertInFlight(String team, String key, String fingerprint, UUID auditId, OffsetDateTime now) {
        return jdbc.sql("""
                INSERT INTO idempotency_keys (team, idempotency_key, fingerprint, state, audit_id, created_at, expires_at)
                VALUES (:team, :key, :fingerprint, :state, :auditId, CURRENT_TIMESTAMP, :expires)
                ON CONFLICT DO NOTHING""")
                .param("state", State.IN_FLIGHT.name())
                .param("team", team)
                .param("key", key)
                .param("fingerprint", fingerprint)
                .param("auditId", auditId)
                .param("expires", now.plus(retention))
                .update() == 1;
    }

    /** What the live (unexpired) row of a key means for a request with {@code fingerprint}. */
    Optional<Claim> find(String team, String key, String fingerprint, OffsetDateTime now) {
        return jdbc.sql("SELECT fingerprint, state, response_status, response_body, response_headers, audit_id, "
                        + "CASE WHEN " + IN_FLIGHT + " AND " + ABANDONED + " THEN 1 ELSE 0 END AS abandoned "
                        + "FROM idempotency_keys WHERE team = :team AND idempotency_key = :key AND expires_at >= :now")
                .param("team", team)
                .param("key", key)
                .param("now", now)
                .param("timeoutMillis", inFlightTimeoutMillis)
                .query((rs, row) -> {
                    UUID auditId = rs.getObject("audit_id", UUID.class);
                    if (!rs.getString("fingerprint").equals(fingerprint)) {
                        return new Claim.Mismatch();
                    }
                    if (State.valueOf(rs.getString("state")) == State.IN_FLIGHT) {
                        return rs.getInt("abandoned") == 1 ? new Claim.Abandoned(auditId) : new Claim.InFlight(auditId);
                    }
                    StoredAnswer answer = new StoredAnswer(rs.getInt("response_status"), rs.getString("response_body"),
                            JSON.readValue(rs.getString("response_headers"), HEADERS));
                    return (Claim) new Claim.Completed(answer, auditId);
                })
                .optional();
    }

    /** Stores the answer of the in-flight claim held by request {@code auditId}; false when it holds none. */
    boolean complete(String team, String key, UUID auditId, StoredAnswer answer, OffsetDateTime now) {
        return storeAnswer(team, key, auditId, answer, now, FRESH_EXPIRY, " AND " + IN_FLIGHT);
    }

    /** Stores the answer of an abandoned claim, unless someone else settled or completed it first. */
    boolean settleAbandoned(String team, String key, UUID auditId, StoredAnswer answer, OffsetDateTime now) {
        return storeAnswer(team, key, auditId, answer, now, FRESH_EXPIRY, " AND " + IN_FLIGHT + " AND " + ABANDONED);
    }

    /**
     * Makes {@code answer} the stored answer of the request {@code auditId}, in flight or not (its
     * call is known to be over); a key since reused by another request is left alone. The expiry stays.
     */
    boolean replaceAnswer(String team, String key, UUID auditId, StoredAnswer answer, OffsetDateTime now) {
        return storeAnswer(team, key, auditId, answer, now, "completed_at = COALESCE(completed_at, :now)", "");
    }

    /** Deletes the in-flight claim held by request {@code auditId}; a claim of another request is left alone. */
    void deleteInFlight(String team, String key, UUID auditId) {
        jdbc.sql("DELETE FROM idempotency_keys WHERE team = :team AND idempotency_key = :key AND audit_id = :auditId AND "
                        + IN_FLIGHT)
                .param("team", team)
                .param("key", key)
                .param("auditId", auditId)
                .update();
    }

    /** Deletes up to {@code batchSize} expired keys, oldest first; PostgreSQL has no {@code DELETE ... LIMIT}. */
    int deleteExpired(OffsetDateTime now, int batchSize) {
        return jdbc.sql("""
                DELETE FROM idempotency_keys WHERE (team, idempotency_key) IN (
                    SELECT team, idempotency_key FROM idempotency_keys WHERE expires_at < :now
                    ORDER BY expires_at LIMIT :batch)""")
                .param("now", now)
                .param("batch", batchSize)
                .update();
    }

    /**
     * Completes the row of request {@code auditId} with {@code answer}, setting {@code times} as well,
     * if it also meets {@code guard}; false when no row did.
     */
    private boolean storeAnswer(String team, String key, UUID auditId, StoredAnswer answer, OffsetDateTime now,
            String times, String guard) {
        return jdbc.sql("UPDATE idempotency_keys SET " + COMPLETED + ", response_status = :status, "
                        + "response_body = :body, response_headers = :headers, " + times
                        + " WHERE team = :team AND idempotency_key = :key AND audit_id = :auditId" + guard)
                .param("status", answer.status())
                .param("body", answer.body())
                .param("headers", JSON.writeValueAsString(answer.headers()))
                .param("now", now)
                .param("expires", now.plus(retention))
                .param("timeoutMillis", inFlightTimeoutMillis)
                .param("team", team)
                .param("key", key)
                .param("auditId", auditId)
                .update() == 1;
    }
}
