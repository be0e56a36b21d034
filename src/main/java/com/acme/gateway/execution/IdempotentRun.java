package com.acme.gateway.execution;

import com.acme.gateway.audit.AuditEntry;
import com.acme.gateway.audit.AuditIds;
import com.acme.gateway.audit.AuditLog;
import com.acme.gateway.audit.AuditUnavailableException;
import com.acme.gateway.idempotency.Claim;
import com.acme.gateway.idempotency.IdempotencyKeys;
import com.acme.gateway.idempotency.IdempotencyStore;
import com.acme.gateway.idempotency.IdempotencyUnavailableException;
import com.acme.gateway.idempotency.StoredAnswer;
import com.acme.gateway.lifecycle.Outcome;
import com.acme.gateway.policy.Decision;
import com.acme.gateway.problem.Problem;
import com.acme.gateway.problem.ProblemType;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Claims the caller's Idempotency-Key (if any) and writes the pending audit row in one transaction,
 * and only then lets {@link UpstreamCall} send the request. A repeated key never reaches the
 * upstream again, and a claim never outlives a failed audit write: nothing is left in flight for a
 * request that was never sent.
 */
@Component
class IdempotentRun {

    private static final Logger log = LoggerFactory.getLogger(IdempotentRun.class);

    private final AuditLog audit;
    private final AuditRecords records;
    private final IdempotencyStore keys;
    private final UpstreamCall upstream;
    private final AnswerFormat format;
    private final ExecutionMetrics metrics;
    private final TransactionOperations transactions;
    private final Clock clock;

    IdempotentRun(AuditLog audit, AuditRecords records, IdempotencyStore keys, UpstreamCall upstream,
            AnswerFormat format, ExecutionMetrics metrics, TransactionOperations transactions, Clock clock) {
        this.audit = audit;
        this.records = records;
        this.keys = keys;
        this.upstream = upstream;
        this.format = format;
        this.metrics = metrics;
        this.transactions = transactions;
        this.clock = clock;
    }

    Ended run(Caller caller, Submission submission, Decision decision) {
        Instant now = clock.instant();
        UUID id = AuditIds.at(now);
        byte[] body = upstream.body(submission);
        String key = submission.idempotencyKey();
        AuditEntry pending = records.entry(id, caller, submission, decision, Outcome.PENDING, null, now);
        try {
            if (key == null) {
                audit.insert(pending);
            } else {
                Claim claim = claimAndAudit(caller.team(), key, IdempotencyKeys.fingerprint(submission.poolId(), body),
                        pending);
                Ended repeat = repeat(claim, key, id, caller, submission, decision);
                if (repeat != null) {
                    return repeat;
                }
            }
        } catch (IdempotencyUnavailableException | AuditUnavailableException | TransactionException e) {
            return Ended.auditUnavailable(submission);
        }
        Ended ended = upstream.call(id, caller, submission, body);
        if (key != null) {
            settle(caller.team(), key, id, ended);
        }
        return ended;
    }

    /** Claims the key and, when this request now owns it, writes its pending row: both or neither. */
    private Claim claimAndAudit(String team, String key, String fingerprint, AuditEntry pending) {
        Claim claim = transactions.execute(status -> {
            Claim result = keys.claim(team, key, fingerprint, pending.id());
            if (result instanceof Claim.Claimed) {
                audit.insert(pending);
            }
            return result;
        });
        if (claim == null) {
            throw new IllegalStateException("the claim transaction returned nothing");
        }
        return claim;
    }

    /** The answer for a key that was used before, or null when this request now owns the key. */
    private @Nullable Ended repeat(Claim claim, String key, UUID id, Caller caller, Submission submission,
            Decision decision) {
        return switch (claim) {
            case Claim.Claimed claimed -> null;
            case Claim.Completed done -> replay(id, caller, submission, decision, done.auditId(), done.answer());
            case Claim.InFlight running -> conflict(id, caller, submission, decision, running.auditId());
            case Claim.Abandoned abandoned -> {
                log.warn("Idempotency-Key of team {} held by execution {} was never answered; its outcome is now unknown",
                        caller.team(), abandoned.auditId());
                StoredAnswer unknown = format.render(UpstreamAnswers.abandoned(submission.instance()));
                yield keys.settleAbandoned(caller.team(), key, abandoned.auditId(), unknown)
                        ? replay(id, caller, submission, decision, abandoned.auditId(), unknown)
                        : conflict(id, caller, submission, decision, abandoned.auditId());
            }
            case Claim.Mismatch mismatch -> {
                metrics.idempotency(caller.team(), "mismatched");
                yield recorded(id, caller, submission, decision, null, Ended.refused(Outcome.INVALID,
                        Problem.of(ProblemType.IDEMPOTENCY_MISMATCH, "This Idempotency-Key was already used by your "
                                + "team for a different request; use a new key for a new request.")
                                .at(submission.instance())));
            }
        };
    }

    private Ended replay(UUID id, Caller caller, Submission submission, Decision decision, UUID original,
            StoredAnswer answer) {
        metrics.idempotency(caller.team(), "replayed");
        return recorded(id, caller, submission, decision, original,
                new Ended(Outcome.DUPLICATE, new ExecutionResult.Replayed(answer)));
    }

    private Ended conflict(UUID id, Caller caller, Submission submission, Decision decision, UUID running) {
        metrics.idempotency(caller.team(), "conflicted");
        return recorded(id, caller, submission, decision, running, new Ended(Outcome.DUPLICATE,
                new ExecutionResult.Refused(Problem.of(ProblemType.IDEMPOTENCY_IN_FLIGHT, "A request with this "
                        + "Idempotency-Key is still running; repeat it later to get its answer.")
                        .at(submission.instance()), 1L, null)));
    }

    private Ended recorded(UUID id, Caller caller, Submission submission, Decision decision, @Nullable UUID replayOf,
            Ended ended) {
        return Ended.audited(() -> audit.insert(records.entry(id, caller, submission, decision, ended.outcome(),
                replayOf, clock.instant())), submission, ended);
    }

    /**
     * Stores the answer when the scripts ran or may have run, else frees the key; either only for
     * the claim of request {@code id}. The caller's answer stands even if this fails: the key then
     * stays in flight until it counts as abandoned ({@code gateway.idempotency.in-flight-timeout})
     * and repeats get the unknown outcome.
     */
    private void settle(String team, String key, UUID id, Ended ended) {
        try {
            if (keepsKey(ended.outcome())) {
                keys.complete(team, key, id, format.render(ended.result()));
            } else {
                keys.release(team, key, id);
            }
        } catch (IdempotencyUnavailableException e) {
            log.error("Could not settle an Idempotency-Key of team {} after outcome {}", team, ended.outcome().value(), e);
        }
    }

    /** Answers after which the scripts ran or may have run; the others prove nothing ran and free the key. */
    private static boolean keepsKey(Outcome outcome) {
        return outcome == Outcome.SUBMITTED || outcome == Outcome.UPSTREAM_REJECTED || outcome == Outcome.UNKNOWN;
    }
}
