package com.acme.gateway.execution;

import com.acme.gateway.audit.AuditEntry;
import com.acme.gateway.audit.AuditIds;
import com.acme.gateway.audit.AuditLog;
import com.acme.gateway.audit.AuditUnavailableException;
import com.acme.gateway.audit.Completion;
import com.acme.gateway.execution.ExecutionResult.Refused;
import com.acme.gateway.lifecycle.Outcome;
import com.acme.gateway.problem.Problem;
import com.acme.gateway.problem.ProblemType;
import com.acme.gateway.workspace.StopAcknowledged;
import com.acme.gateway.workspace.UpstreamException;
import com.acme.gateway.workspace.WorkspaceClient;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Stops a task started through the gateway. Only the team that started it, or a caller with the
 * {@code operator} role, may stop it; anyone else is told it does not exist, and nothing is sent.
 * The stop row is written before the upstream call, like every action of the gateway.
 */
@Service
public class StopService {

    private static final Logger log = LoggerFactory.getLogger(StopService.class);

    private final AuditLog audit;
    private final WorkspaceClient workspace;
    private final MeterRegistry meters;
    private final Clock clock;

    StopService(AuditLog audit, WorkspaceClient workspace, MeterRegistry meters, Clock clock) {
        this.audit = audit;
        this.workspace = workspace;
        this.meters = meters;
        this.clock = clock;
    }

    /**
     * {@code taskId} and {@code recordId} must be validated tokens; {@code operator}: may stop any team's task;
     * {@code instance}: the path the stop was posted to.
     */
    public ExecutionResult stop(Caller caller, boolean operator, String taskId, @Nullable String recordId,
            String instance) {
        Optional<AuditEntry> started = operator ? audit.findByTaskIdAnyTeam(taskId) : audit.findByTaskId(caller.team(), taskId);
        if (started.isEmpty()) {
            return ended(caller, taskId, "not_found", new Refused(Problem.of(ProblemType.NOT_FOUND,
                    "Your team has no execution with this task id.").at(instance)));
        }
        AuditEntry owner = started.get();
        Instant now = clock.instant();
        UUID id = AuditIds.at(now);
        try {
            audit.insert(row(id, now, caller, owner, taskId, recordId));
        } catch (AuditUnavailableException e) {
            return auditUnavailable(caller, taskId, instance);
        }
        try {
            audit.makeDurable(id);
        } catch (AuditUnavailableException e) {
            log.error("The audit store could not make stop {} durable; nothing sent", id, e);
            complete(id, new Completion(Outcome.STOP_FAILED, null, null, null, taskId, 0, 0, clock.instant()));
            return auditUnavailable(caller, taskId, instance);
        }
        long startedNanos = System.nanoTime();
        try {
            StopAcknowledged ack = workspace.stop(taskId, recordId);
            complete(id, new Completion(Outcome.STOPPED, 200, null, ack.upstreamRequestId(), taskId, ack.attempts(),
                    millisSince(startedNanos), clock.instant()));
            return ended(caller, taskId, Outcome.STOPPED.value(), new ExecutionResult.Accepted(taskId, ack.attempts(),
                    new StopAccepted(taskId, recordId, owner.poolId(), owner.team(), caller.team())));
        } catch (UpstreamException e) {
            complete(id, new Completion(Outcome.STOP_FAILED, e.status(), e.errorCode(), e.upstreamRequestId(), taskId,
                    e.attempts(), millisSince(startedNanos), clock.instant()));
            return ended(caller, taskId, Outcome.STOP_FAILED.value(), StopAnswers.answer(e, instance, caller.requestId()));
        }
    }

    private ExecutionResult auditUnavailable(Caller caller, String taskId, String instance) {
        return ended(caller, taskId, Outcome.AUDIT_UNAVAILABLE.value(), new Refused(Problem.of(
                ProblemType.AUDIT_UNAVAILABLE, "The audit store cannot be written, so the stop was not sent. Retry later.")
                .at(instance), Problem.RETRY_AFTER_SECONDS, null));
    }

    private static AuditEntry row(UUID id, Instant now, Caller caller, AuditEntry owner, String taskId, @Nullable String recordId) {
        String who = caller.team().equals(owner.team()) ? "the team that started the task"
                : "operator of team " + caller.team() + " (task of team " + owner.team() + ")";
        String what = recordId == null ? "stop of the whole task" : "stop of desktop record " + recordId;
        return AuditRecords.byCaller(id, caller, now)
                .poolId(owner.poolId())
                .decision(AuditEntry.Decision.ALLOWED)
                .reasons(List.of(new AuditEntry.Reason(caller.team().equals(owner.team()) ? "owner" : "operator",
                        what + " by " + who)))
                .outcome(Outcome.STOP_REQUESTED)
                .taskId(taskId)
                .build();
    }

    /** The stop was sent: failing to complete its row must not change the answer; the log has what the row lacks. */
    private void complete(UUID id, Completion completion) {
        try {
            audit.completeStop(id, completion);
        } catch (AuditUnavailableException | IllegalStateException e) {
            log.error("Could not complete stop audit row {}: outcome={} task_id={} upstream_status={}", id,
                    completion.outcome().value(), completion.taskId(), completion.upstreamStatus(), e);
        }
    }

    private ExecutionResult ended(Caller caller, String taskId, String result, ExecutionResult answer) {
        Counter.builder("gateway.stops").description("Stop requests by team and result")
                .tags("team", caller.team(), "result", result).register(meters).increment();
        log.atInfo().setMessage("execution stop {}").addArgument(result)
                .addKeyValue("event", "execution_stop")
                .addKeyValue("request_id", caller.requestId())
                .addKeyValue("principal", caller.principal())
                .addKeyValue("team", caller.team())
                .addKeyValue("task_id", taskId)
                .addKeyValue("result", result)
                .addKeyValue("status", answer.status())
                .log();
        return answer;
    }

    private static long millisSince(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }
}
