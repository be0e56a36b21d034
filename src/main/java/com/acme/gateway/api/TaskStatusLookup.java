package com.acme.gateway.api;

import com.acme.gateway.audit.AuditEntry;
import com.acme.gateway.workspace.Ids;
import com.acme.gateway.workspace.TaskStatusCache;
import com.acme.gateway.workspace.UpstreamException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Adds the live task state to an execution record. The record is the gateway's own truth and is
 * answered even when the Workspace API cannot be asked: a failing upstream is reported in
 * {@code task_error}, never as an error of the whole request.
 */
@Component
class TaskStatusLookup {

    private static final Logger log = LoggerFactory.getLogger(TaskStatusLookup.class);

    private final TaskStatusCache tasks;

    TaskStatusLookup(TaskStatusCache tasks) {
        this.tasks = tasks;
    }

    /** Asks the upstream at most once (the answer is cached briefly); {@code row} must be the caller team's. */
    ExecutionStatus status(AuditEntry row, String taskId) {
        ExecutionRecord execution = ExecutionRecord.own(row);
        String poolId = row.poolId();
        if (poolId == null || !Ids.isUuid(poolId)) {
            return new ExecutionStatus(execution, null, "The record names no pool, so the task cannot be looked up.");
        }
        try {
            return tasks.task(poolId, taskId)
                    .map(task -> new ExecutionStatus(execution, TaskStatus.of(task), null))
                    .orElseGet(() -> new ExecutionStatus(execution, null,
                            "The Workspace API does not list this task (yet); ask again later."));
        } catch (UpstreamException e) {
            log.warn("Task status lookup failed: failure={} status={} error_code={} upstream_request_id={}",
                    e.failure(), e.status(), e.errorCode(), e.upstreamRequestId());
            return new ExecutionStatus(execution, null, describe(e));
        }
    }

    private static String describe(UpstreamException e) {
        return switch (e.failure()) {
            case NOT_SENT, THROTTLED, CIRCUIT_OPEN, BULKHEAD_FULL, CREDENTIALS_LOCKED ->
                    "The Workspace API could not be reached or is throttling; ask again later.";
            case TIMED_OUT, CONNECTION_LOST -> "The Workspace API did not answer in time; ask again later.";
            case CREDENTIALS_REFUSED -> "The Workspace API refused the gateway's credentials; operators must fix this.";
            case NOT_FOUND -> "The Workspace API does not know this task's pool.";
            case REJECTED, FAILED, UNKNOWN -> "The Workspace API failed to report the task"
                    + (e.status() == null ? "" : " (HTTP " + e.status() + ")") + "; ask again later.";
        };
    }
}
