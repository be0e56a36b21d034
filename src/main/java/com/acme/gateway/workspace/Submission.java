package com.acme.gateway.workspace;

import org.jspecify.annotations.Nullable;

/**
 * The upstream accepted the request and started task {@code taskId}, on the gateway's
 * {@code attempts}-th try (earlier tries provably never reached the service).
 */
public record Submission(String taskId, @Nullable String upstreamRequestId, int attempts) {

    Submission afterAttempts(int attempts) {
        return new Submission(taskId, upstreamRequestId, attempts);
    }
}
