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

    public AuditEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(outcome, "outcome");
        scriptIds = List.copyOf(scriptIds);
        reasons = List.copyOf(reasons);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Names each value a row is built with; unset values are null, or empty lists, 0 attempts and
     * no dry run. {@code id}, {@code requestId}, {@code createdAt} and {@code outcome} are required.
     */
    public static final class Builder {

        private @Nullable UUID id;
        private @Nullable String requestId;
        private @Nullable Instant createdAt;
        private @Nullable Instant completedAt;
        private @Nullable String principal;
        private @Nullable String team;
        private @Nullable String clientAddress;
        private @Nullable String poolId;
        private List<String> scriptIds = List.of();
        private @Nullable String commandType;
        private @Nullable String commandSha256;
        private @Nullable String commandContent;
        private @Nullable Integer desktopCount;
        private @Nullable Integer grayCount;
        private @Nullable Integer grayDesktopCount;
        private @Nullable Integer grayFailThreshold;
        private @Nullable String postFinish;
        private @Nullable Integer executionTimeout;
        private boolean dryRun;
        private @Nullable Decision decision;
        private List<Reason> reasons = List.of();
        private @Nullable Outcome outcome;
        private @Nullable Integer upstreamStatus;
        private @Nullable String upstreamErrorCode;
        private @Nullable String upstreamRequestId;
        private @Nullable String taskId;
        private int attempts;
        private @Nullable Long durationMs;
        private @Nullable String idempotencyKey;
        private @Nullable UUID replayOf;
        private @Nullable Integer refusedCount;

        private Builder() {
        }

        public Builder id(UUID id) {
            this.id = id;
            return this;
        }

        public Builder requestId(String requestId) {
            this.requestId = requestId;
            return this;
        }

        public Builder createdAt(Instant createdAt) {
            this.createdAt = createdAt;
            return this;
        }

        public Builder completedAt(@Nullable Instant completedAt) {
            this.completedAt = completedAt;
            return this;
        }

        public Builder principal(@Nullable String principal) {
            this.principal = principal;
            return this;
        }

        public Builder team(@Nullable String team) {
            this.team = team;
            return this;
        }

        public Builder clientAddress(@Nullable String clientAddress) {
            this.clientAddress = clientAddress;
            return this;
        }

        public Builder poolId(@Nullable String poolId) {
            this.poolId = poolId;
            return this;
        }

        public Builder scriptIds(List<String> scriptIds) {
            this.scriptIds = scriptIds;
            return this;
        }

        public Builder commandType(@Nullable String commandType) {
            this.commandType = commandType;
            return this;
        }

        public Builder commandSha256(@Nullable String commandSha256) {
            this.commandSha256 = commandSha256;
            return this;
        }

        public Builder commandContent(@Nullable String commandContent) {
            this.commandContent = commandContent;
            return this;
        }

        public Builder desktopCount(@Nullable Integer desktopCount) {
            this.desktopCount = desktopCount;
            return this;
        }

        public Builder grayCount(@Nullable Integer grayCount) {
            this.grayCount = grayCount;
            return this;
        }

        public Builder grayDesktopCount(@Nullable Integer grayDesktopCount) {
            this.grayDesktopCount = grayDesktopCount;
            return this;
        }

        public Builder grayFailThreshold(@Nullable Integer grayFailThreshold) {
            this.grayFailThreshold = grayFailThreshold;
            return this;
        }

        public Builder postFinish(@Nullable String postFinish) {
            this.postFinish = postFinish;
            return this;
        }

        public Builder executionTimeout(@Nullable Integer executionTimeout) {
            this.executionTimeout = executionTimeout;
            return this;
        }

        public Builder dryRun(boolean dryRun) {
            this.dryRun = dryRun;
            return this;
        }

        public Builder decision(@Nullable Decision decision) {
            this.decision = decision;
            return this;
        }

        public Builder reasons(List<Reason> reasons) {
            this.reasons = reasons;
            return this;
        }

        public Builder outcome(Outcome outcome) {
            this.outcome = outcome;
            return this;
        }

        public Builder upstreamStatus(@Nullable Integer upstreamStatus) {
            this.upstreamStatus = upstreamStatus;
            return this;
        }

        public Builder upstreamErrorCode(@Nullable String upstreamErrorCode) {
            this.upstreamErrorCode = upstreamErrorCode;
            return this;
        }

        public Builder upstreamRequestId(@Nullable String upstreamRequestId) {
            this.upstreamRequestId = upstreamRequestId;
            return this;
        }

        public Builder taskId(@Nullable String taskId) {
            this.taskId = taskId;
            return this;
        }

        public Builder attempts(int attempts) {
            this.attempts = attempts;
            return this;
        }

        public Builder durationMs(@Nullable Long durationMs) {
            this.durationMs = durationMs;
            return this;
        }

        public Builder idempotencyKey(@Nullable String idempotencyKey) {
            this.idempotencyKey = idempotencyKey;
            return this;
        }

        public Builder replayOf(@Nullable UUID replayOf) {
            this.replayOf = replayOf;
            return this;
        }

        public Builder refusedCount(@Nullable Integer refusedCount) {
            this.refusedCount = refusedCount;
            return this;
        }

        /** @throws NullPointerException when a required value is not set */
        public AuditEntry build() {
            return new AuditEntry(id, requestId, createdAt, completedAt, principal, team, clientAddress, poolId,
                    scriptIds, commandType, commandSha256, commandContent, desktopCount, grayCount, grayDesktopCount,
                    grayFailThreshold, postFinish, executionTimeout, dryRun, decision, reasons, outcome, upstreamStatus,
                    upstreamErrorCode, upstreamRequestId, taskId, attempts, durationMs, idempotencyKey, replayOf,
                    refusedCount);
        }
    }

    /** The policy decision, absent when the request never reached the policy. */
    public enum Decision {
        ALLOWED, DENIED
    }

    /** A machine-readable reason of a decision: the rule and what about the request hit it. */
    public record Reason(String rule, String detail) {
    }
}
