package com.acme.gateway.execution;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/** The answer to an accepted stop: which task (and record), its pool, the team that started it and the one that stopped it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StopAccepted(
        @JsonProperty("task_id") String taskId,
        @JsonProperty("record_id") @Nullable String recordId,
        @JsonProperty("pool_id") @Nullable String poolId,
        @Nullable String team,
        @JsonProperty("stopped_by") String stoppedBy) {
}
