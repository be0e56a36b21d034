package com.acme.gateway.execution;

import com.acme.gateway.audit.AuditLog;
import com.acme.gateway.audit.AuditUnavailableException;
import com.acme.gateway.audit.Completion;
import com.acme.gateway.audit.Outcome;
import com.acme.gateway.workspace.ScriptExecutionJson;
import com.acme.gateway.workspace.StartedTask;
import com.acme.gateway.workspace.UpstreamException;
import com.acme.gateway.workspace.WorkspaceClient;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Sends an audited request upstream and completes its audit row with what happened. */
@Component
class UpstreamCall {

    private static final Logger log = LoggerFactory.getLogger(UpstreamCall.class);

    private final WorkspaceClient workspace;
    private final ScriptExecutionJson json;
    private final AuditLog audit;
    private final Answers answers;
    private final UpstreamAnswers upstreamAnswers;
    private final Clock clock;

    UpstreamCall(WorkspaceClient workspace, ScriptExecutionJson json, AuditLog audit, Answers answers,
            UpstreamAnswers upstreamAnswers, Clock clock) {
        this.workspace = workspace;
        this.json = json;
        this.audit = audit;
        this.answers = answers;
        this.upstreamAnswers = upstreamAnswers;
        this.clock = clock;
    }

    /** The exact bytes that are signed, sent and fingerprinted. */
    byte[] body(Submission submission) {
        return json.write(submission.request());
    }

    Ended call(UUID id, Caller caller, Submission submission, byte[] body) {
        long started = System.nanoTime();
        try {
            StartedTask task = workspace.execute(submission.poolId(), body);
            complete(id, new Completion(Outcome.SUBMITTED, 200, null, task.upstreamRequestId(), task.taskId(),
                    task.attempts(), millisSince(started), clock.instant()));
            return new Ended(Outcome.SUBMITTED, answers.accepted(
                    new ExecutionAccepted(task.taskId(), id, submission.poolId(), caller.team()), task.attempts()));
        } catch (UpstreamException e) {
            Outcome outcome = UpstreamAnswers.outcome(e);
            complete(id, new Completion(outcome, e.status(), e.errorCode(), e.upstreamRequestId(), null, e.attempts(),
                    millisSince(started), clock.instant()));
            return new Ended(outcome, upstreamAnswers.answer(e, submission.instance(), caller.requestId(),
                    Map.of("X-Upstream-Attempts", Integer.toString(e.attempts()))));
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
