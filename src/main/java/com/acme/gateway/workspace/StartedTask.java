package com.acme.gateway.workspace;

import org.jspecify.annotations.Nullable;

/**
 * The upstream accepted the request and started task {@code taskId}, on the gateway's
 * {@code attempts}-th try (earlier tries provably never reached the service).
 */
public record StartedTask(String taskId, @Nullable String upstreamRequestId, int attempts) {

    StartedTask afterAttempts(int attempts) {
        return new StartedTask(taskId, upstreamRequestId, attempts);
    }
}
