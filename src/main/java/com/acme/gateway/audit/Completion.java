package com.acme.gateway.audit;

import com.acme.gateway.lifecycle.Outcome;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** How an in-flight request ended; completes its {@link Outcome#PENDING} audit row. */
public record Completion(
        Outcome outcome,
        @Nullable Integer upstreamStatus,
        @Nullable String upstreamErrorCode,
        @Nullable String upstreamRequestId,
        @Nullable String taskId,
        int attempts,
        long durationMs,
        Instant completedAt) {

    public Completion {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(completedAt, "completedAt");
        if (outcome == Outcome.PENDING) {
            throw new IllegalArgumentException("a completion cannot be pending");
        }
    }
}
