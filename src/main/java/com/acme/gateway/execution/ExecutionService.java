package com.acme.gateway.execution;

import com.acme.gateway.audit.AuditIds;
import com.acme.gateway.audit.AuditLog;
import com.acme.gateway.lifecycle.Outcome;
import com.acme.gateway.policy.ChangeControls;
import com.acme.gateway.policy.Decision;
import com.acme.gateway.policy.PolicyEngine;
import com.acme.gateway.policy.RateLimitUnavailableException;
import com.acme.gateway.policy.RateLimiter;
import com.acme.gateway.policy.TeamDirectory;
import com.acme.gateway.policy.TeamPolicy;
import com.acme.gateway.problem.FieldError;
import com.acme.gateway.problem.Problem;
import com.acme.gateway.problem.ProblemType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The one path every script execution takes: rate limit, policy, then the idempotency claim and the
 * pending audit row in one transaction, the upstream call, completion. Nothing reaches the upstream
 * without a pending audit row. Every request's {@code gateway.executions} count is taken here, also
 * for those the web layer turned away before it could submit them.
 */
@Service
public class ExecutionService {

    private static final Logger log = LoggerFactory.getLogger(ExecutionService.class);

    private final TeamDirectory teams;
    private final RateLimiter rateLimiter;
    private final PolicyEngine engine;
    private final ChangeControls controls;
    private final AuditLog audit;
    private final AuditRecords records;
    private final IdempotentRun idempotentRun;
    private final ExecutionMetrics metrics;
    private final Clock clock;

    ExecutionService(TeamDirectory teams, RateLimiter rateLimiter, PolicyEngine engine, ChangeControls controls, AuditLog audit,
            AuditRecords records, IdempotentRun idempotentRun, ExecutionMetrics metrics, Clock clock) {
        this.teams = teams;
        this.rateLimiter = rateLimiter;
        this.engine = engine;
        this.controls = controls;
        this.audit = audit;
        this.records = records;
        this.idempotentRun = idempotentRun;
        this.metrics = metrics;
        this.clock = clock;
    }

    public ExecutionResult submit(Caller caller, Submission submission) {
        long started = System.nanoTime();
        Ended ended = decideAndRun(caller, submission);
        Duration took = count(caller.team(), ended.outcome(), submission.request().kind(), started);
        logEvent(caller, submission, ended, took);
        return ended.result();
    }

    /**
     * Counts a request turned away before it could be submitted: unauthenticated ({@code team} is
     * {@link ExecutionMetrics#NO_TEAM}) or invalid; its body is unknown.
     */
    public void turnedAway(String team, Outcome outcome, long startedNanos) {
        count(team, outcome, ExecutionMetrics.UNKNOWN_KIND, startedNanos);
    }

    private Duration count(String team, Outcome outcome, String kind, long startedNanos) {
        Duration took = Duration.ofNanos(System.nanoTime() - startedNanos);
        metrics.executed(team, outcome, kind, took);
        return took;
    }

    private Ended decideAndRun(Caller caller, Submission submission) {
        TeamPolicy team = teams.findByName(caller.team()).orElse(null);
        if (team == null) {
            // the team was removed from the policy after this request authenticated
            return Ended.refused(Outcome.DENIED, Problem.of(ProblemType.POLICY_DENIED,
                    "Your team is no longer in the policy.").at(submission.instance()));
        }
        if (submission.idempotencyKey() == null && team.requireIdempotencyKey() && !submission.dryRun()) {
            return Ended.refused(Outcome.INVALID, Problem.invalid(ProblemType.VALIDATION, List.of(FieldError.parameter(
                    "Idempotency-Key", "is required by your team's policy (except for dry runs)")))
                    .at(submission.instance()));
        }
        Optional<Duration> wait;
        try {
            wait = rateLimiter.tryAcquire(team);
        } catch (RateLimitUnavailableException e) {
            log.warn("Rate limit of team {} cannot be checked; request refused", team.name(), e);
            return Ended.rateLimitUnavailable(submission);
        }
        if (wait.isPresent()) {
            return refused(caller, submission, team, wait.get());
        }
        Decision decision = controls.apply(engine.decide(team, submission.poolId(), submission.request()), team,
                submission.poolId());
        metrics.decided(team.name(), decision);
        if (submission.dryRun()) {
            return settled(caller, submission, decision, new Ended(Outcome.DRY_RUN,
                    new ExecutionResult.DryRun(DryRunReport.of(team.name(), submission, decision))));
        }
        if (!decision.allowed()) {
            return settled(caller, submission, decision, Ended.refused(Outcome.DENIED, Problem.of(ProblemType.POLICY_DENIED,
                    "The policy of team " + team.name() + " does not allow this request; see reasons.")
                    .at(submission.instance()).with("reasons", DryRunReport.reasons(decision.reasons()))));
        }
        if (submission.request().desktopIds() != null) {
            metrics.desktopsTargeted(team.name(), submission.request().desktopIds().size());
        }
        return idempotentRun.run(caller, submission, decision);
    }

    /**
     * One structured event per request, with the fields of its audit row (never the command text).
     * Its request id comes from the MDC ({@code request_id}, set for every request): adding the same
     * key here makes the structured (ECS) encoder refuse the whole event.
     */
    private static void logEvent(Caller caller, Submission submission, Ended ended, Duration took) {
        var request = submission.request();
        log.atInfo().setMessage("script execution {}").addArgument(ended.outcome().value())
                .addKeyValue("event", "script_execution")
                .addKeyValue("principal", caller.principal())
                .addKeyValue("team", caller.team())
                .addKeyValue("client_address", caller.clientAddress())
                .addKeyValue("pool_id", submission.poolId())
                .addKeyValue("kind", request.kind())
                .addKeyValue("script_ids", request.scriptIds())
                .addKeyValue("command_sha256", request.commandSha256())
                .addKeyValue("desktop_count", request.desktopIds() == null ? "whole_pool" : request.desktopIds().size())
                .addKeyValue("gray_count", request.grayCount())
                .addKeyValue("post_finish", request.postFinish())
                .addKeyValue("dry_run", submission.dryRun())
                .addKeyValue("idempotency_key", submission.idempotencyKey())
                .addKeyValue("outcome", ended.outcome().value())
                .addKeyValue("status", ended.result().status())
                .addKeyValue("task_id", ended.result() instanceof ExecutionResult.Accepted accepted ? accepted.taskId() : null)
                .addKeyValue("upstream_attempts", ended.result() instanceof ExecutionResult.Accepted accepted
                        ? accepted.attempts() : null)
                .addKeyValue("duration_ms", took.toMillis())
                .log();
    }

    /** A request over its team's rate limit, counted into the team's audit row of that second. */
    private Ended refused(Caller caller, Submission submission, TeamPolicy team, Duration wait) {
        long seconds = wait.toSeconds();
        Ended limited = new Ended(Outcome.RATE_LIMITED, new ExecutionResult.Refused(Problem.of(ProblemType.RATE_LIMITED,
                "Your team may send " + team.rateLimit().requests() + " requests per " + team.rateLimit().per()
                        + "; retry after " + seconds + " s.").at(submission.instance()), seconds, null));
        Instant now = clock.instant();
        return Ended.audited(() -> audit.countRefused(records.entry(AuditIds.at(now), caller, submission, null,
                Outcome.RATE_LIMITED, null, now)), submission, limited);
    }

    /** Records a request that ends before anything is executed. */
    private Ended settled(Caller caller, Submission submission, Decision decision, Ended ended) {
        Instant now = clock.instant();
        return Ended.audited(() -> audit.insert(records.entry(AuditIds.at(now), caller, submission, decision,
                ended.outcome(), null, now)), submission, ended);
    }
}
