package com.acme.gateway.api;

import com.acme.gateway.execution.ExecutionHistory;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * An execution of the caller's team with its task's live state. When the state cannot be had,
 * {@code task} is null and {@code task_error} says why; the record itself is still answered.
 */
record ExecutionStatus(ExecutionRecord execution, @Nullable TaskStatus task,
        @JsonProperty("task_error") @Nullable String taskError) {

    static ExecutionStatus of(ExecutionHistory.TrackedExecution tracked) {
        return new ExecutionStatus(ExecutionRecord.own(tracked.row()),
                tracked.task() == null ? null : TaskStatus.of(tracked.task()), tracked.taskError());
    }
}
