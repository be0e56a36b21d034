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
import java.util.function.Function;
import java.util.stream.Collectors;
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

    private static final JsonMapper JSON = JsonMapper.shared();
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() { };
    private static final TypeReference<List<AuditEntry.Reason>> REASONS = new TypeReference<>() { };
    private static final int UPSTREAM_ERROR_CODE_LENGTH = 64;
    private static final int UPSTREAM_REQUEST_ID_LENGTH = 128;
    private static final int TASK_ID_LENGTH = 64;

    /** Every column of a row and the value written to it: the one list the SQL below is made from. */
    private static final List<Column> WRITTEN = List.of(
            new Column("id", AuditEntry::id),
            new Column("request_id", e -> clip(e.requestId(), 200)),
            new Column("created_at", e -> timestamp(e.createdAt())),
            new Column("completed_at", e -> timestamp(e.completedAt())),
            new Column("principal", e -> clip(e.principal(), 255)),
            new Column("team", AuditEntry::team),
            new Column("client_address", e -> clip(e.clientAddress(), 64)),
            new Column("pool_id", e -> clip(e.poolId(), 64)),
            new Column("script_ids", e -> JSON.writeValueAsString(e.scriptIds())),
            new Column("command_type", e -> clip(e.commandType(), 16)),
            new Column("command_sha256", AuditEntry::commandSha256),
            new Column("command_content", AuditEntry::commandContent),
            new Column("desktop_count", AuditEntry::desktopCount),
            new Column("gray_count", AuditEntry::grayCount),
            new Column("gray_desktop_count", AuditEntry::grayDesktopCount),
            new Column("gray_fail_threshold", AuditEntry::grayFailThreshold),
            new Column("post_finish", e -> clip(e.postFinish(), 16)),
            new Column("execution_timeout", AuditEntry::executionTimeout),
            new Column("dry_run", AuditEntry::dryRun),
            new Column("decision", e -> e.decision() == null ? null : e.decision().name()),
            new Column("reasons", e -> JSON.writeValueAsString(e.reasons())),
            new Column("outcome", e -> e.outcome().value()),
            new Column("upstream_status", AuditEntry::upstreamStatus),
            new Column("upstream_error_code", e -> clip(e.upstreamErrorCode(), UPSTREAM_ERROR_CODE_LENGTH)),
            new Column("upstream_request_id", e -> clip(e.upstreamRequestId(), UPSTREAM_REQUEST_ID_LENGTH)),
            new Column("task_id", e -> clip(e.taskId(), TASK_ID_LENGTH)),
            new Column("attempts", AuditEntry::attempts),
            new Column("duration_ms", AuditEntry::durationMs),
            new Column("idempotency_key", e -> clip(e.idempotencyKey(), 255)),
            new Column("replay_of", AuditEntry::replayOf),
            new Column("refused_count", AuditEntry::refusedCount));

    static final String COLUMNS = WRITTEN.stream().map(Column::name).collect(Collectors.joining(", "));

    static final String INSERT = "INSERT INTO audit_events (" + COLUMNS + ") VALUES ("
            + WRITTEN.stream().map(column -> ":" + column.name()).collect(Collectors.joining(", ")) + ")";

    private AuditRows() {
    }

    static MapSqlParameterSource parameters(AuditEntry entry) {
        MapSqlParameterSource parameters = new MapSqlParameterSource();
        WRITTEN.forEach(column -> parameters.addValue(column.name(), column.value().apply(entry)));
        return parameters;
    }

    /** The upstream's part of a row, for completing it: cut as {@link #parameters} cuts it. */
    static MapSqlParameterSource upstreamParameters(@Nullable Integer status, @Nullable String errorCode,
            @Nullable String requestId, @Nullable String taskId) {
        return new MapSqlParameterSource()
                .addValue("upstream_status", status)
                .addValue("upstream_error_code", clip(errorCode, UPSTREAM_ERROR_CODE_LENGTH))
                .addValue("upstream_request_id", clip(requestId, UPSTREAM_REQUEST_ID_LENGTH))
                .addValue("task_id", clip(taskId, TASK_ID_LENGTH));
    }

    static AuditEntry map(ResultSet rs, int rowNum) throws SQLException {
        String decision = rs.getString("decision");
        return AuditEntry.builder()
                .id(rs.getObject("id", UUID.class))
                .requestId(rs.getString("request_id"))
                .createdAt(instant(rs, "created_at"))
                .completedAt(instant(rs, "completed_at"))
                .principal(rs.getString("principal"))
                .team(rs.getString("team"))
                .clientAddress(rs.getString("client_address"))
                .poolId(rs.getString("pool_id"))
                .scriptIds(JSON.readValue(rs.getString("script_ids"), STRINGS))
                .commandType(rs.getString("command_type"))
                .commandSha256(rs.getString("command_sha256"))
                .commandContent(rs.getString("command_content"))
                .desktopCount(rs.getObject("desktop_count", Integer.class))
                .grayCount(rs.getObject("gray_count", Integer.class))
                .grayDesktopCount(rs.getObject("gray_desktop_count", Integer.class))
                .grayFailThreshold(rs.getObject("gray_fail_threshold", Integer.class))
                .postFinish(rs.getString("post_finish"))
                .executionTimeout(rs.getObject("execution_timeout", Integer.class))
                .dryRun(rs.getBoolean("dry_run"))
                .decision(decision == null ? null : AuditEntry.Decision.valueOf(decision))
                .reasons(JSON.readValue(rs.getString("reasons"), REASONS))
                .outcome(Outcome.fromValue(rs.getString("outcome")))
                .upstreamStatus(rs.getObject("upstream_status", Integer.class))
                .upstreamErrorCode(rs.getString("upstream_error_code"))
                .upstreamRequestId(rs.getString("upstream_request_id"))
                .taskId(rs.getString("task_id"))
                .attempts(rs.getInt("attempts"))
                .durationMs(rs.getObject("duration_ms", Long.class))
                .idempotencyKey(rs.getString("idempotency_key"))
                .replayOf(rs.getObject("replay_of", UUID.class))
                .refusedCount(rs.getObject("refused_count", Integer.class))
                .build();
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

    private record Column(String name, Function<AuditEntry, @Nullable Object> value) {
    }
}
