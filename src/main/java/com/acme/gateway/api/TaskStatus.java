package com.acme.gateway.api;

import com.acme.gateway.workspace.UpstreamTask;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/** A task's live state as the Workspace API reports it; times and status are the upstream's own strings. */
record TaskStatus(
        String id,
        @Nullable String status,
        @JsonProperty("start_time") @Nullable String startTime,
        @JsonProperty("end_time") @Nullable String endTime,
        @JsonProperty("success_num") @Nullable Integer successNum,
        @JsonProperty("failed_num") @Nullable Integer failedNum,
        @JsonProperty("skip_num") @Nullable Integer skipNum) {

    static TaskStatus of(UpstreamTask task) {
        return new TaskStatus(task.id(), task.status(), task.startTime(), task.endTime(), task.successNum(),
                task.failedNum(), task.skipNum());
    }
}
