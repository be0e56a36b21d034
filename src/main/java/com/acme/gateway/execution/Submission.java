package com.acme.gateway.execution;

import com.acme.gateway.request.ScriptExecutionRequest;
import org.jspecify.annotations.Nullable;

/** A validated request to run scripts on a pool, with the caller's options. */
public record Submission(String poolId, ScriptExecutionRequest request, boolean dryRun, @Nullable String idempotencyKey) {

    public String instance() {
        return "/api/v1/pools/" + poolId + "/script-executions";
    }
}
