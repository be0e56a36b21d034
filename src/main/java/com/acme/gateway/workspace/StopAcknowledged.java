package com.acme.gateway.workspace;

import org.jspecify.annotations.Nullable;

/** The Workspace API accepted a stop request: its own request id (for tracing) and how many attempts it took. */
public record StopAcknowledged(@Nullable String upstreamRequestId, int attempts) {
}
