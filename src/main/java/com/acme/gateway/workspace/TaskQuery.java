package com.acme.gateway.workspace;

import com.acme.gateway.request.Ids;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A search of the upstream's script-execution task list: one pool, optionally one task, one script
 * and a time window of execution start.
 */
public record TaskQuery(String poolId, @Nullable String taskId, @Nullable String scriptId, @Nullable Instant from,
        @Nullable Instant to, int limit) {

    public TaskQuery {
        if (!Ids.isUuid(poolId) || (taskId != null && !Ids.isTaskId(taskId)) || (scriptId != null && !Ids.isUuid(scriptId))) {
            throw new IllegalArgumentException("task queries take UUIDs (and a safe task id) only");
        }
        if (limit < 1 || limit > 100) {
            throw new IllegalArgumentException("limit must be 1..100");
        }
    }

    public static TaskQuery task(String poolId, String taskId) {
        return new TaskQuery(poolId, taskId, null, null, null, 1);
    }
}
