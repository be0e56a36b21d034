package com.acme.gateway.api;

import com.acme.gateway.audit.AuditEntry;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One execution as its audit row records it. Never the command text (only its SHA-256);
 * {@code client_address} only in the caller's own team's records, omitted from the all-teams audit listing;
 * {@code refused_count} only on {@code rate_limited} records, each standing for that many refused requests.
 */
record ExecutionRecord(
        @JsonProperty("execution_id") UUID executionId,
        @JsonProperty("request_id") String requestId,
        @JsonProperty("created_at") Instant createdAt,
        @JsonProperty("completed_at") @Nullable Instant completedAt,
        @Nullable String principal,
        @Nullable String team,
        @JsonProperty("client_address") @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String clientAddress,
        @JsonProperty("pool_id") @Nullable String poolId,
        @JsonProperty("script_ids") List<String> scriptIds,
        @JsonProperty("command_type") @Nullable String commandType,
        @JsonProperty("command_sha256") @Nullable String commandSha256,
        @JsonProperty("desktop_count") @Nullable Integer desktopCount,
        @JsonProperty("gray_count") @Nullable Integer grayCount,
        @JsonProperty("gray_desktop_count") @Nullable Integer grayDesktopCount,
        @JsonProperty("gray_fail_threshold") @Nullable Integer grayFailThreshold,
        @JsonProperty("post_finish") @Nullable String postFinish,
        @JsonProperty("execution_timeout") @Nullable Integer executionTimeout,
        @JsonProperty("dry_run") boolean dryRun,
        @Nullable String decision,
        List<AuditEntry.Reason> reasons,
        String outcome,
        @JsonProperty("upstream_status") @Nullable Integer upstreamStatus,
        @JsonProperty("upstream_error_code") @Nullable String upstreamErrorCode,
        @JsonProperty("upstream_request_id") @Nullable String upstreamRequestId,
        @JsonProperty("task_id") @Nullable String taskId,
        int attempts,
        @JsonProperty("duration_ms") @Nullable Long durationMs,
        @JsonProperty("idempotency_key") @Nullable String idempotencyKey,
        @JsonProperty("replay_of") @Nullable UUID replayOf,
        @JsonProperty("refused_count") @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Integer refusedCount) {

    /** A record of the caller's own team, with the address it called from. */
    static ExecutionRecord own(AuditEntry e) {
        return of(e, e.clientAddress());
    }

    /** A record of any team, as the audit listing shows it: without the client address. */
    static ExecutionRecord anyTeam(AuditEntry e) {
        return of(e, null);
    }

    private static ExecutionRecord of(AuditEntry e, @Nullable String clientAddress) {
        return new ExecutionRecord(e.id(), e.requestId(), e.createdAt(), e.completedAt(), e.principal(), e.team(),
                clientAddress, e.poolId(), e.scriptIds(), e.commandType(), e.commandSha256(), e.desktopCount(),
                e.grayCount(), e.grayDesktopCount(), e.grayFailThreshold(), e.postFinish(), e.executionTimeout(),
                e.dryRun(), e.decision() == null ? null : e.decision().name().toLowerCase(Locale.ROOT), e.reasons(),
                e.outcome().value(), e.upstreamStatus(), e.upstreamErrorCode(), e.upstreamRequestId(), e.taskId(),
                e.attempts(), e.durationMs(), e.idempotencyKey(), e.replayOf(), e.refusedCount());
    }
}
