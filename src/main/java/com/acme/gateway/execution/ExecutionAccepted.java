package com.acme.gateway.execution;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.UUID;

/** 202 body: the upstream task id, the gateway's execution (audit row) id, the pool and the team. */
public record ExecutionAccepted(
        @JsonProperty("task_id") String taskId,
        @JsonProperty("execution_id") UUID executionId,
        @JsonProperty("pool_id") String poolId,
        @JsonProperty("team") String team) {
}
