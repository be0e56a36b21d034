package com.acme.gateway.execution;

import com.acme.gateway.audit.AuditEntry;
import com.acme.gateway.audit.AuditFilter;
import com.acme.gateway.audit.AuditLog;
import com.acme.gateway.audit.Page;
import com.acme.gateway.audit.PageRequest;
import com.acme.gateway.request.Ids;
import com.acme.gateway.workspace.TaskStatusCache;
import com.acme.gateway.workspace.UpstreamException;
import com.acme.gateway.workspace.UpstreamTask;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What the API reads of past executions: their audit rows, and one execution with its task's live
 * state. The row is the gateway's own truth and is answered even when the Workspace API cannot be
 * asked: a failing upstream is reported as the task's error, never as an error of the whole read.
 */
@Component
public class ExecutionHistory {

    private static final Logger log = LoggerFactory.getLogger(ExecutionHistory.class);

    private final AuditLog audit;
    private final TaskStatusCache tasks;

    ExecutionHistory(AuditLog audit, TaskStatusCache tasks) {
        this.audit = audit;
        this.tasks = tasks;
    }

    public Page<AuditEntry> ofTeam(String team, AuditFilter filter, PageRequest page) {
        return audit.findForTeam(team, filter, page);
    }

    /** One team's rows, or every team's when {@code team} is null: only for callers allowed to read the whole audit trail. */
    public Page<AuditEntry> ofAnyTeam(@Nullable String team, AuditFilter filter, PageRequest page) {
        return team == null ? audit.findAll(filter, page) : audit.findForTeam(team, filter, page);
    }

    /** The execution of {@code team} that started this task, with the task's live state; empty when the team has none. */
    public Optional<TrackedExecution> ofTask(String team, String taskId) {
        return audit.findByTaskId(team, taskId).map(row -> track(row, taskId));
    }

    /** Asks the upstream at most once (the answer is cached briefly). */
    private TrackedExecution track(AuditEntry row, String taskId) {
        String poolId = row.poolId();
        if (poolId == null || !Ids.isUuid(poolId)) {
            return new TrackedExecution(row, null, "The record names no pool, so the task cannot be looked up.");
        }
        try {
            return tasks.task(poolId, taskId)
                    .map(task -> new TrackedExecution(row, task, null))
                    .orElseGet(() -> new TrackedExecution(row, null,
                            "The Workspace API does not list this task (yet); ask again later."));
        } catch (UpstreamException e) {
            log.warn("Task status lookup failed: failure={} status={} error_code={} upstream_request_id={}",
                    e.failure(), e.status(), e.errorCode(), e.upstreamRequestId());
            return new TrackedExecution(row, null, describe(e));
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

    /** An execution's audit row with its task's live state, or, when that could not be had, why. */
    public record TrackedExecution(AuditEntry row, @Nullable UpstreamTask task, @Nullable String taskError) {
    }
}
