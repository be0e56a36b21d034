package com.acme.gateway.execution;

import com.acme.gateway.audit.AuditLog;
import com.acme.gateway.audit.AuditUnavailableException;
import com.acme.gateway.lifecycle.Outcome;
import com.acme.gateway.policy.ChangeControls;
import com.acme.gateway.policy.Decision;
import com.acme.gateway.policy.PolicyEngine;
import com.acme.gateway.policy.RateLimitUnavailableException;
import com.acme.gateway.policy.RateLimiter;
import com.acme.gateway.policy.TeamDirectory;
import com.acme.gateway.policy.TeamPolicy;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The one path every script execution takes: rate limit, policy, audit row, idempotency claim,
 * upstream call, completion. Nothing reaches the upstream without a pending audit row.
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
    private final Answers answers;
    private final ExecutionMetrics metrics;
    private final Clock clock;

    ExecutionService(TeamDirectory teams, RateLimiter rateLimiter, PolicyEngine engine, ChangeControls controls, AuditLog audit,
            AuditRecords records, IdempotentRun idempotentRun, Answers answers, ExecutionMetrics metrics, Clock clock) {
        this.teams = teams;
        this.rateLimiter = rateLimiter;
        this.engine = engine;
        this.controls = controls;
        this.audit = audit;
        this.records = records;
        this.idempotentRun = idempotentRun;
        this.answers = answers;
        this.metrics = metrics;
        this.clock = clock;
    }

    public ExecutionAnswer submit(Caller caller, Submission submission) {
        long started = System.nanoTime();
        Ended ended = decideAndRun(caller, submission);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        metrics.executed(caller.team(), ended.outcome(), submission.request().kind(), took);
        logEvent(caller, submission, ended, took);
        return ended.answer();
    }

    private Ended decideAndRun(Caller caller, Submission submission) {
        TeamPolicy team = teams.findByName(caller.team()).orElse(null);
        if (team == null) {
            // the team was removed from the policy after this request authenticated
            return new Ended(Outcome.DENIED, answers.problem(ProblemType.POLICY_DENIED,
                    "Your team is no longer in the policy.", submission.instance()));
        }
        if (submission.idempotencyKey() == null && team.requireIdempotencyKey() && !submission.dryRun()) {
            return new Ended(Outcome.INVALID, answers.problem(ProblemType.VALIDATION,
                    "Your team's policy requires an Idempotency-Key header on this request.", submission.instance(),
                    Map.of(), Map.of("errors", List.of(Map.of("parameter", "Idempotency-Key",
                            "detail", "is required for this team")))));
        }
        Optional<Duration> wait;
        try {
            wait = rateLimiter.tryAcquire(team);
        } catch (RateLimitUnavailableException e) {
            log.warn("Rate limit of team {} cannot be checked; request refused", team.name(), e);
            return Ended.rateLimitUnavailable(answers, submission);
        }
        if (wait.isPresent()) {
            return refused(caller, submission, team, wait.get());
        }
        Decision decision = controls.apply(engine.decide(team, submission.poolId(), submission.request()), team,
                submission.poolId());
        metrics.decided(team.name(), decision);
        if (submission.dryRun()) {
            return settled(caller, submission, decision, Outcome.DRY_RUN, answers.ok(200, Map.of(),
                    DryRunReport.of(team.name(), submission, decision)));
        }
        if (!decision.allowed()) {
            return settled(caller, submission, decision, Outcome.DENIED, answers.problem(ProblemType.POLICY_DENIED,
                    "The policy of team " + team.name() + " does not allow this request; see reasons.",
                    submission.instance(), Map.of(), Map.of("reasons", Answers.reasons(decision.reasons()))));
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
                .addKeyValue("status", ended.answer().status())
                .addKeyValue("duration_ms", took.toMillis())
                .log();
    }

    /** A request over its team's rate limit, counted into the team's audit row of that second. */
    private Ended refused(Caller caller, Submission submission, TeamPolicy team, Duration wait) {
        String seconds = Long.toString(wait.toSeconds());
        try {
            audit.countRefused(records.entry(UUID.randomUUID(), caller, submission, null, Outcome.RATE_LIMITED, null,
                    clock.instant()));
        } catch (AuditUnavailableException e) {
            return Ended.auditUnavailable(answers, submission);
        }
        return new Ended(Outcome.RATE_LIMITED, answers.problem(ProblemType.RATE_LIMITED, "Your team may send "
                + team.rateLimit().requests() + " requests per " + team.rateLimit().per() + "; retry after " + seconds
                + " s.", submission.instance(), Map.of("Retry-After", seconds), Map.of()));
    }

    /** Records a request that ends before anything is executed; no audit row, no answer. */
    private Ended settled(Caller caller, Submission submission, @Nullable Decision decision, Outcome outcome, ExecutionAnswer answer) {
        try {
            audit.insert(records.entry(UUID.randomUUID(), caller, submission, decision, outcome, null, clock.instant()));
        } catch (AuditUnavailableException e) {
            return Ended.auditUnavailable(answers, submission);
        }
        return new Ended(outcome, answer);
    }
}
