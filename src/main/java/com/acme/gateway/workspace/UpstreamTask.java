package com.acme.gateway.workspace;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One task from the upstream's task list. The command text is not kept, only its SHA-256, so that
 * it can be matched with an audit row without holding the command.
 */
public record UpstreamTask(String id, @Nullable String poolId, List<String> scriptIds, @Nullable String commandType,
        @Nullable String commandSha256, @Nullable String startTime, @Nullable String endTime, @Nullable String status,
        @Nullable Integer successNum, @Nullable Integer failedNum, @Nullable Integer skipNum) {
}
