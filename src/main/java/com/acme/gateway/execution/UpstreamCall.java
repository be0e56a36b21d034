package com.acme.gateway.execution;

import com.acme.gateway.audit.AuditLog;
import com.acme.gateway.audit.AuditUnavailableException;
import com.acme.gateway.audit.Completion;
import com.acme.gateway.lifecycle.Outcome;
import com.acme.gateway.problem.Problem;
import com.acme.gateway.problem.ProblemType;
import com.acme.gateway.workspace.ScriptExecutionJson;
import com.acme.gateway.workspace.StartedTask;
import com.acme.gateway.workspace.UpstreamException;
import com.acme.gateway.workspace.WorkspaceClient;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/** Sends an audited request upstream and completes its audit row with what happened. */
@Component
class UpstreamCall {

    private static final Logger log = LoggerFactory.getLogger(UpstreamCall.class);

    private final WorkspaceClient workspace;
    private final ScriptExecutionJson json;
    private final AuditLog audit;
    private final PoolRollouts rollouts;
    private final Clock clock;

    UpstreamCall(WorkspaceClient workspace, ScriptExecutionJson json, AuditLog audit, PoolRollouts rollouts, Clock clock) {
        this.workspace = workspace;
        this.json = json;
        this.audit = audit;
        this.rollouts = rollouts;
        this.clock = clock;
    }

    /** The exact bytes that are signed, sent and fingerprinted. */
    byte[] body(Submission submission) {
        return json.write(submission.request());
    }

    Ended call(UUID id, Caller caller, Submission submission, byte[] body) {
        Ended busy = claimPool(id, caller, submission);
        if (busy != null) {
            return busy;
        }
        Ended ended = madeDurable(id) ? send(id, caller, submission, body) : Ended.auditUnavailable(submission);
        rollouts.settle(id, ended.outcome());
        return ended;
    }

    /** Whether the pending row, the key's claim and the pool's slot survive the JVM being killed; else nothing is sent. */
    private boolean madeDurable(UUID id) {
        try {
            audit.makeDurable(id);
            return true;
        } catch (AuditUnavailableException e) {
            log.error("The audit store could not make execution {} durable; nothing sent", id, e);
            complete(id, new Completion(Outcome.AUDIT_UNAVAILABLE, null, null, null, null, 0, 0, clock.instant()));
            return false;
        }
    }

    /** Null when the pool may take this rollout; otherwise the completed answer (409, or 503 without the store). */
    private @Nullable Ended claimPool(UUID id, Caller caller, Submission submission) {
        Optional<PoolRollouts.Holder> holder;
        try {
            holder = rollouts.claim(id, caller.team(), submission.poolId());
        } catch (DataAccessException e) {
            log.error("Pool rollouts cannot be checked; nothing sent for execution {}", id, e);
            complete(id, new Completion(Outcome.AUDIT_UNAVAILABLE, null, null, null, null, 0, 0, clock.instant()));
            return Ended.auditUnavailable(submission);
        }
        if (holder.isEmpty()) {
            return null;
        }
        complete(id, new Completion(Outcome.POOL_BUSY, null, null, null, null, 0, 0, clock.instant()));
        PoolRollouts.Holder running = holder.get();
        Map<String, @Nullable Object> task = new LinkedHashMap<>();
        task.put("task_id", running.taskId());
        task.put("started_at", running.startedAt().toString());
        return Ended.refused(Outcome.POOL_BUSY, Problem.of(ProblemType.POOL_BUSY, "Pool " + submission.poolId()
                + " still runs a rollout started through the gateway at " + running.startedAt()
                + (running.taskId() == null ? "" : " (task " + running.taskId() + ")")
                + ", and the policy allows no more at a time (pool-concurrency). Retry when it has finished.")
                .at(submission.instance()).with("running_task", task));
    }

    private Ended send(UUID id, Caller caller, Submission submission, byte[] body) {
        long started = System.nanoTime();
        try {
            StartedTask task = workspace.execute(submission.poolId(), body);
            complete(id, new Completion(Outcome.SUBMITTED, 200, null, task.upstreamRequestId(), task.taskId(),
                    task.attempts(), millisSince(started), clock.instant()));
            return new Ended(Outcome.SUBMITTED, new ExecutionResult.Accepted(task.taskId(), task.attempts(),
                    new ExecutionAccepted(task.taskId(), id, submission.poolId(), caller.team())));
        } catch (UpstreamException e) {
            Outcome outcome = UpstreamAnswers.outcome(e);
            complete(id, new Completion(outcome, e.status(), e.errorCode(), e.upstreamRequestId(), null, e.attempts(),
                    millisSince(started), clock.instant()));
            return new Ended(outcome, UpstreamAnswers.answer(e, submission.instance(), caller.requestId()));
        }
    }

    /**
     * The upstream call already happened, so a failure to complete the row must not change the
     * caller's answer: the error log carries what the row lacks. The row stays {@code pending}, or
     * was already marked unknown because the call outlasted {@code gateway.idempotency.in-flight-timeout}.
     */
    private void complete(UUID id, Completion completion) {
        try {
            audit.complete(id, completion);
        } catch (AuditUnavailableException | IllegalStateException e) {
            log.error("Could not complete audit row {}: outcome={} task_id={} upstream_status={}", id,
                    completion.outcome().value(), completion.taskId(), completion.upstreamStatus(), e);
        }
    }

    private static long millisSince(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }
}
