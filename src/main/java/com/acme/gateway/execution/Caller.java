package com.acme.gateway.execution;

import org.jspecify.annotations.Nullable;

/** Who is asking: the authenticated principal, its team, where it called from, and the request id. */
public record Caller(String principal, String team, @Nullable String clientAddress, String requestId) {
}
