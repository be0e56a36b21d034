package com.acme.gateway.api;

import com.acme.gateway.audit.AuditEntry;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One execution as its audit row records it. Never the command text (only its SHA-256);
 * {@code client_address} only in the caller's own team's records, omitted from the all-teams audit listing;
 * {@code refused_count} only on {@code rate_limited} records, each standing for that many refused requests.
 * Each property names the audit value it shows; the order is the document's.
 */
@JsonPropertyOrder({"execution_id", "request_id", "created_at", "completed_at", "principal", "team",
        "client_address", "pool_id", "script_ids", "command_type", "command_sha256", "desktop_count",
        "gray_count", "gray_desktop_count", "gray_fail_threshold", "post_finish", "execution_timeout",
        "dry_run", "decision", "reasons", "outcome", "upstream_status", "upstream_error_code",
        "upstream_request_id", "task_id", "attempts", "duration_ms", "idempotency_key", "replay_of",
        "refused_count"})
record ExecutionRecord(@JsonIgnore AuditEntry entry, @JsonIgnore boolean ownTeam) {

    /** A record of the caller's own team, with the address it called from. */
    static ExecutionRecord own(AuditEntry entry) {
        return new ExecutionRecord(entry, true);
    }

    /** A record of any team, as the audit listing shows it: without the client address. */
    static ExecutionRecord anyTeam(AuditEntry entry) {
        return new ExecutionRecord(entry, false);
    }

    @JsonProperty("execution_id")
    UUID executionId() {
        return entry.id();
    }

    @JsonProperty("request_id")
    String requestId() {
        return entry.requestId();
    }

    @JsonProperty("created_at")
    Instant createdAt() {
        return entry.createdAt();
    }

    @JsonProperty("completed_at")
    @Nullable Instant completedAt() {
        return entry.completedAt();
    }

    @JsonProperty
    @Nullable String principal() {
        return entry.principal();
    }

    @JsonProperty
    @Nullable String team() {
        return entry.team();
    }

    @JsonProperty("client_address") @JsonInclude(JsonInclude.Include.NON_NULL)
    @Nullable String clientAddress() {
        return ownTeam ? entry.clientAddress() : null;
    }

    @JsonProperty("pool_id")
    @Nullable String poolId() {
        return entry.poolId();
    }

    @JsonProperty("script_ids")
    List<String> scriptIds() {
        return entry.scriptIds();
    }

    @JsonProperty("command_type")
    @Nullable String commandType() {
        return entry.commandType();
    }

    @JsonProperty("command_sha256")
    @Nullable String commandSha256() {
        return entry.commandSha256();
    }

    @JsonProperty("desktop_count")
    @Nullable Integer desktopCount() {
        return entry.desktopCount();
    }

    @JsonProperty("gray_count")
    @Nullable Integer grayCount() {
        return entry.grayCount();
    }

    @JsonProperty("gray_desktop_count")
    @Nullable Integer grayDesktopCount() {
        return entry.grayDesktopCount();
    }

    @JsonProperty("gray_fail_threshold")
    @Nullable Integer grayFailThreshold() {
        return entry.grayFailThreshold();
    }

    @JsonProperty("post_finish")
    @Nullable String postFinish() {
        return entry.postFinish();
    }

    @JsonProperty("execution_timeout")
    @Nullable Integer executionTimeout() {
        return entry.executionTimeout();
    }

    @JsonProperty("dry_run")
    boolean dryRun() {
        return entry.dryRun();
    }

    @JsonProperty
    @Nullable String decision() {
        return entry.decision() == null ? null : entry.decision().name().toLowerCase(Locale.ROOT);
    }

    @JsonProperty
    List<AuditEntry.Reason> reasons() {
        return entry.reasons();
    }

    @JsonProperty
    String outcome() {
        return entry.outcome().value();
    }

    @JsonProperty("upstream_status")
    @Nullable Integer upstreamStatus() {
        return entry.upstreamStatus();
    }

    @JsonProperty("upstream_error_code")
    @Nullable String upstreamErrorCode() {
        return entry.upstreamErrorCode();
    }

    @JsonProperty("upstream_request_id")
    @Nullable String upstreamRequestId() {
        return entry.upstreamRequestId();
    }

    @JsonProperty("task_id")
    @Nullable String taskId() {
        return entry.taskId();
    }

    @JsonProperty
    int attempts() {
        return entry.attempts();
    }

    @JsonProperty("duration_ms")
    @Nullable Long durationMs() {
        return entry.durationMs();
    }

    @JsonProperty("idempotency_key")
    @Nullable String idempotencyKey() {
        return entry.idempotencyKey();
    }

    @JsonProperty("replay_of")
    @Nullable UUID replayOf() {
        return entry.replayOf();
    }

    @JsonProperty("refused_count") @JsonInclude(JsonInclude.Include.NON_NULL)
    @Nullable Integer refusedCount() {
        return entry.refusedCount();
    }
}
