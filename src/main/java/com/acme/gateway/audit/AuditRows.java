package com.acme.gateway.audit;

import com.acme.gateway.lifecycle.Outcome;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Maps {@link AuditEntry} to and from the {@code audit_events} columns. Free text that comes from
 * callers or the upstream is cut to its column's length, so an odd value can never make the
 * audit write fail (which would turn into a 503 for the caller).
 */
final class AuditRows {

    static final String COLUMNS = """
            id, request_id, created_at, completed_at, principal, team, client_address, pool_id, script_ids,
            command_type, command_sha256, command_content, desktop_count, gray_count, gray_desktop_count,
            gray_fail_threshold, post_finish, execution_timeout, dry_run, decision, reasons, outcome,
            upstream_status, upstream_error_code, upstream_request_id, task_id, attempts, duration_ms,
            idempotency_key, replay_of, refused_count""";

    static final String INSERT = "INSERT INTO audit_events (" + COLUMNS + """
            ) VALUES (
            :id, :request_id, :created_at, :completed_at, :principal, :team, :client_address, :pool_id, :script_ids,
            :command_type, :command_sha256, :command_content, :desktop_count, :gray_count, :gray_desktop_count,
            :gray_fail_threshold, :post_finish, :execution_timeout, :dry_run, :decision, :reasons, :outcome,
            :upstream_status, :upstream_error_code, :upstream_request_id, :task_id, :attempts, :duration_ms,
            :idempotency_key, :replay_of, :refused_count)""";

    private static final JsonMapper JSON = JsonMapper.shared();
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() { };
    private static final TypeReference<List<AuditEntry.Reason>> REASONS = new TypeReference<>() { };

    private AuditRows() {
    }

    static MapSqlParameterSource parameters(AuditEntry e) {
        return new MapSqlParameterSource()
                .addValue("id", e.id())
                .addValue("request_id", clip(e.requestId(), 200))
                .addValue("created_at", timestamp(e.createdAt()))
                .addValue("completed_at", timestamp(e.completedAt()))
                .addValue("principal", clip(e.principal(), 255))
                .addValue("team", e.team())
                .addValue("client_address", clip(e.clientAddress(), 64))
                .addValue("pool_id", clip(e.poolId(), 64))
                .addValue("script_ids", JSON.writeValueAsString(e.scriptIds()))
                .addValue("command_type", clip(e.commandType(), 16))
                .addValue("command_sha256", e.commandSha256())
                .addValue("command_content", e.commandContent())
                .addValue("desktop_count", e.desktopCount())
                .addValue("gray_count", e.grayCount())
                .addValue("gray_desktop_count", e.grayDesktopCount())
                .addValue("gray_fail_threshold", e.grayFailThreshold())
                .addValue("post_finish", clip(e.postFinish(), 16))
                .addValue("execution_timeout", e.executionTimeout())
                .addValue("dry_run", e.dryRun())
                .addValue("decision", e.decision() == null ? null : e.decision().name())
                .addValue("reasons", JSON.writeValueAsString(e.reasons()))
                .addValue("outcome", e.outcome().value())
                .addValues(upstreamParameters(e.upstreamStatus(), e.upstreamErrorCode(), e.upstreamRequestId(), e.taskId()).getValues())
                .addValue("attempts", e.attempts())
                .addValue("duration_ms", e.durationMs())
                .addValue("idempotency_key", clip(e.idempotencyKey(), 255))
                .addValue("replay_of", e.replayOf())
                .addValue("refused_count", e.refusedCount());
    }

    static MapSqlParameterSource upstreamParameters(@Nullable Integer status, @Nullable String errorCode,
            @Nullable String requestId, @Nullable String taskId) {
        return new MapSqlParameterSource()
                .addValue("upstream_status", status)
                .addValue("upstream_error_code", clip(errorCode, 64))
                .addValue("upstream_request_id", clip(requestId, 128))
                .addValue("task_id", clip(taskId, 64));
    }

    static AuditEntry map(ResultSet rs, int rowNum) throws SQLException {
        String decision = rs.getString("decision");
        return new AuditEntry(
                rs.getObject("id", UUID.class), rs.getString("request_id"),
                instant(rs, "created_at"), instant(rs, "completed_at"),
                rs.getString("principal"), rs.getString("team"), rs.getString("client_address"),
                rs.getString("pool_id"), JSON.readValue(rs.getString("script_ids"), STRINGS),
                rs.getString("command_type"), rs.getString("command_sha256"), rs.getString("command_content"),
                rs.getObject("desktop_count", Integer.class), rs.getObject("gray_count", Integer.class),
                rs.getObject("gray_desktop_count", Integer.class), rs.getObject("gray_fail_threshold", Integer.class),
                rs.getString("post_finish"), rs.getObject("execution_timeout", Integer.class),
                rs.getBoolean("dry_run"), decision == null ? null : AuditEntry.Decision.valueOf(decision),
                JSON.readValue(rs.getString("reasons"), REASONS), Outcome.fromValue(rs.getString("outcome")),
                rs.getObject("upstream_status", Integer.class), rs.getString("upstream_error_code"),
                rs.getString("upstream_request_id"), rs.getString("task_id"), rs.getInt("attempts"),
                rs.getObject("duration_ms", Long.class), rs.getString("idempotency_key"),
                rs.getObject("replay_of", UUID.class), rs.getObject("refused_count", Integer.class));
    }

    /** Both databases keep microseconds; cutting here makes what is read back equal what was written. */
    static @Nullable OffsetDateTime timestamp(@Nullable Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }

    private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static @Nullable String clip(@Nullable String value, int maxLength) {
        return value == null || value.length() <= maxLength ? value : value.substring(0, maxLength);
    }
}
