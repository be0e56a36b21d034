package com.acme.gateway.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/** 202 body: the upstream task id and where to follow it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ExecutionAccepted(
        @JsonProperty("task_id") String taskId,
        @JsonProperty("execution_id") @Nullable String executionId,
        @JsonProperty("pool_id") String poolId,
        @JsonProperty("team") @Nullable String team) {
}
