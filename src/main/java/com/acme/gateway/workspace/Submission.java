package com.acme.gateway.workspace;

import org.jspecify.annotations.Nullable;

/** The upstream accepted the request and started task {@code taskId}. */
public record Submission(String taskId, @Nullable String upstreamRequestId) {
}
