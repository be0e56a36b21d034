package com.acme.gateway.workspace;

import org.jspecify.annotations.Nullable;

/** The upstream accepted the request and started task {@code taskId}, after {@code attempts} attempts. */
public record StartedTask(String taskId, @Nullable String upstreamRequestId, int attempts) {
}
