package com.acme.gateway.execution;

import com.acme.gateway.lifecycle.Outcome;
import com.acme.gateway.workspace.UpstreamException;
import com.acme.gateway.execution.ExecutionResult.Refused;
import com.acme.gateway.problem.Problem;
import com.acme.gateway.problem.ProblemType;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What the caller is told, and what the audit row records, for each way an upstream call ends. */
final class UpstreamAnswers {

    private static final Logger log = LoggerFactory.getLogger(UpstreamAnswers.class);
    private static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(Problem.RETRY_AFTER_SECONDS);

    private UpstreamAnswers() {
    }

    /** The outcome recorded in the audit row and metrics. */
    static Outcome outcome(UpstreamException e) {
        return switch (e.failure()) {
            case REJECTED, NOT_FOUND -> Outcome.UPSTREAM_REJECTED;
            case TIMED_OUT, CONNECTION_LOST, UNKNOWN -> Outcome.UNKNOWN;
            case NOT_SENT, THROTTLED, CREDENTIALS_REFUSED, FAILED -> Outcome.UPSTREAM_FAILED;
            // the gateway protected the upstream (or its own credentials) and sent nothing
            case CIRCUIT_OPEN, BULKHEAD_FULL, CREDENTIALS_LOCKED -> Outcome.CIRCUIT_OPEN;
        };
    }

    /** The problem for a failed upstream call; {@code request_id} lets the caller trace an unknown outcome. */
    static Refused answer(UpstreamException e, String instance, String requestId) {
        ProblemType type = switch (e.failure()) {
            case NOT_SENT, THROTTLED -> ProblemType.UPSTREAM_UNAVAILABLE;
            case CIRCUIT_OPEN -> ProblemType.CIRCUIT_OPEN;
            case BULKHEAD_FULL -> ProblemType.UPSTREAM_BUSY;
            case CREDENTIALS_LOCKED -> ProblemType.UPSTREAM_CREDENTIALS_LOCKED;
            case REJECTED -> ProblemType.UPSTREAM_REJECTED;
            case NOT_FOUND -> ProblemType.POOL_NOT_FOUND;
            case CREDENTIALS_REFUSED -> {
                log.error("Workspace API refused the gateway's credentials: status={} error_code={}",
                        e.status(), e.errorCode());
                yield ProblemType.UPSTREAM_CREDENTIALS;
            }
            case FAILED -> ProblemType.UPSTREAM_FAILED;
            case TIMED_OUT -> ProblemType.UPSTREAM_TIMEOUT;
            case CONNECTION_LOST -> ProblemType.UPSTREAM_CONNECTION_LOST;
            case UNKNOWN -> ProblemType.OUTCOME_UNKNOWN;
        };
        Problem problem = Problem.of(type, detail(e)).at(instance)
                .with("outcome", e.failure().outcomeUnknown() ? "UNKNOWN" : null);
        return failed(e, type, problem, requestId);
    }

    /**
     * A failed call as the caller reads it: the upstream's own identifiers, the attempts made and, when
     * nothing was sent because the upstream (or the gateway's guard) asks for a pause, when to retry.
     */
    static Refused failed(UpstreamException e, ProblemType type, Problem problem, String requestId) {
        Problem traced = problem.with("request_id", requestId)
                .with("upstream_status", e.status())
                .with("error_code", e.errorCode())
                .with("error_msg", e.errorMessage())
                .with("upstream_request_id", e.upstreamRequestId());
        return new Refused(traced, type.status() == 503 ? seconds(e.retryAfter()) : null, e.attempts());
    }

    /** The answer for a request whose replica stopped (or lost its database) after it may have been sent. */
    static Refused abandoned(String instance) {
        return new Refused(Problem.of(ProblemType.OUTCOME_UNKNOWN, "The request may have been sent, but the gateway "
                + "lost track of it before the Workspace API answered: the scripts may or may not be running. Do not "
                + "resend blindly; repeat with the same Idempotency-Key later or check the executions list.")
                .at(instance).with("outcome", "UNKNOWN"));
    }

    private static String detail(UpstreamException e) {
        return switch (e.failure()) {
            case NOT_SENT, THROTTLED -> "The Workspace API could not be reached or is throttling; the request was not "
                    + "sent or not processed. Retry later.";
            case REJECTED -> "The Workspace API refused the request; see error_code and error_msg.";
            case NOT_FOUND -> "The Workspace API does not know this pool.";
            case CREDENTIALS_REFUSED -> "The gateway's own credentials were refused; nothing was executed. "
                    + "Operators have been alerted.";
            case FAILED -> "The Workspace API answered in a way that shows nothing was executed.";
            case TIMED_OUT -> "The request was sent but no answer came in time: the scripts may or may not be "
                    + "running. Do not resend blindly; repeat with the same Idempotency-Key or check the executions list.";
            case CONNECTION_LOST -> "The connection broke after the request was sent: the scripts may or may not be "
                    + "running. Do not resend blindly; repeat with the same Idempotency-Key or check the executions list.";
            case CIRCUIT_OPEN -> "The Workspace API has been failing, so the gateway is not sending requests for now; "
                    + "nothing was sent. Retry after the advertised delay.";
            case BULKHEAD_FULL -> "Too many requests to the Workspace API are in flight; nothing was sent. Retry shortly.";
            case CREDENTIALS_LOCKED -> "The gateway's own credentials were refused repeatedly, so it paused upstream "
                    + "calls to keep the account from being locked; nothing was sent. Operators have been alerted.";
            case UNKNOWN -> "The request was sent and the Workspace API failed without saying whether it ran it. "
                    + "Do not resend blindly; repeat with the same Idempotency-Key or check the executions list.";
        };
    }

    private static long seconds(@Nullable Duration retryAfter) {
        Duration d = retryAfter == null ? DEFAULT_RETRY_AFTER : retryAfter;
        return Math.max(1, (d.toMillis() + 999) / 1000);
    }
}
