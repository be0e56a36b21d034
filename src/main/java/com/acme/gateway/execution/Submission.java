package com.acme.gateway.execution;

import com.acme.gateway.request.ScriptExecutionRequest;
import org.jspecify.annotations.Nullable;

/**
 * A validated request to run scripts on a pool, with the caller's options; {@code instance} is the
 * path the caller posted to, named in every problem answer.
 */
public record Submission(String poolId, ScriptExecutionRequest request, boolean dryRun, @Nullable String idempotencyKey,
        String instance) {
}
