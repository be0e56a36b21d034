package com.acme.gateway.audit;

import com.acme.gateway.lifecycle.Outcome;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One audit row: who asked to run what on which pool, what the policy decided, and how it ended.
 * {@code team} and {@code principal} are null only for requests that never authenticated;
 * {@code desktopCount} null means the whole pool; {@code commandContent} is kept only when the
 * gateway is configured to store it (the hash is always kept). {@code refusedCount} is set only on
 * {@code rate_limited} rows, which aggregate a team's refused requests per second: the row
 * describes the first of them and counts them all.
 */
public record AuditEntry(
        UUID id,
        String requestId,
        Instant createdAt,
        @Nullable Instant completedAt,
        @Nullable String principal,
        @Nullable String team,
        @Nullable String clientAddress,
        @Nullable String poolId,
        List<String> scriptIds,
        @Nullable String commandType,
        @Nullable String commandSha256,
        @Nullable String commandContent,
        @Nullable Integer desktopCount,
        @Nullable Integer grayCount,
        @Nullable Integer grayDesktopCount,
        @Nullable Integer grayFailThreshold,
        @Nullable String postFinish,
        @Nullable Integer executionTimeout,
        boolean dryRun,
        @Nullable Decision decision,
        List<Reason> reasons,
        Outcome outcome,
        @Nullable Integer upstreamStatus,
        @Nullable String upstreamErrorCode,
        @Nullable String upstreamRequestId,
        @Nullable String taskId,
        int attempts,
        @Nullable Long durationMs,
        @Nullable String idempotencyKey,
        @Nullable UUID replayOf,
        @Nullable Integer refusedCount) {

    /** A row that stands for one request. */
    public AuditEntry(UUID id, String requestId, Instant createdAt, @Nullable Instant completedAt,
            @Nullable String principal, @Nullable String team, @Nullable String clientAddress, @Nullable String poolId,
            List<String> scriptIds, @Nullable String commandType, @Nullable String commandSha256,
            @Nullable String commandContent, @Nullable Integer desktopCount, @Nullable Integer grayCount,
            @Nullable Integer grayDesktopCount, @Nullable Integer grayFailThreshold, @Nullable String postFinish,
            @Nullable Integer executionTimeout, boolean dryRun, @Nullable Decision decision, List<Reason> reasons,
            Outcome outcome, @Nullable Integer upstreamStatus, @Nullable String upstreamErrorCode,
            @Nullable String upstreamRequestId, @Nullable String taskId, int attempts, @Nullable Long durationMs,
            @Nullable String idempotencyKey, @Nullable UUID replayOf) {
        this(id, requestId, createdAt, completedAt, principal, team, clientAddress, poolId, scriptIds, commandType,
                commandSha256, commandContent, desktopCount, grayCount, grayDesktopCount, grayFailThreshold, postFinish,
                executionTimeout, dryRun, decision, reasons, outcome, upstreamStatus, upstreamErrorCode,
                upstreamRequestId, taskId, attempts, durationMs, idempotencyKey, replayOf, null);
    }

    public AuditEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(outcome, "outcome");
        scriptIds = List.copyOf(scriptIds);
        reasons = List.copyOf(reasons);
    }

    /** The policy decision, absent when the request never reached the policy. */
    public enum Decision {
        ALLOWED, DENIED
    }

    /** A machine-readable reason of a decision: the rule and what about the request hit it. */
    public record Reason(String rule, String detail) {
    }
}
