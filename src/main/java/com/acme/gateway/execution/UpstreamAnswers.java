package com.acme.gateway.execution;

import com.acme.gateway.lifecycle.Outcome;
import com.acme.gateway.workspace.UpstreamException;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** What the caller is told, and what the audit row records, for each way an upstream call ends. */
@Component
class UpstreamAnswers {

    private static final Logger log = LoggerFactory.getLogger(UpstreamAnswers.class);
    static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(5);

    private final Answers answers;

    UpstreamAnswers(Answers answers) {
        this.answers = answers;
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
    ExecutionAnswer answer(UpstreamException e, String instance, String requestId, Map<String, String> headers) {
        Map<String, String> allHeaders = new HashMap<>(headers);
        ProblemType type = switch (e.failure()) {
            case NOT_SENT, THROTTLED -> {
                allHeaders.put("Retry-After", seconds(e.retryAfter()));
                yield ProblemType.UPSTREAM_UNAVAILABLE;
            }
            case CIRCUIT_OPEN -> {
                allHeaders.put("Retry-After", seconds(e.retryAfter()));
                yield ProblemType.CIRCUIT_OPEN;
            }
            case BULKHEAD_FULL -> {
                allHeaders.put("Retry-After", seconds(e.retryAfter()));
                yield ProblemType.UPSTREAM_BUSY;
            }
            case CREDENTIALS_LOCKED -> {
                allHeaders.put("Retry-After", seconds(e.retryAfter()));
                yield ProblemType.UPSTREAM_CREDENTIALS_LOCKED;
            }
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
        Map<String, @Nullable Object> extensions = new LinkedHashMap<>();
        extensions.put("outcome", e.failure().outcomeUnknown() ? "UNKNOWN" : null);
        extensions.put("request_id", requestId);
        extensions.put("upstream_status", e.status());
        extensions.put("error_code", e.errorCode());
        extensions.put("error_msg", e.errorMessage());
        extensions.put("upstream_request_id", e.upstreamRequestId());
        return answers.problem(type, detail(e), instance, allHeaders, extensions);
    }

    /** The answer for a request whose replica stopped (or lost its database) after it may have been sent. */
    ExecutionAnswer abandoned(String instance) {
        Map<String, @Nullable Object> extensions = Map.of("outcome", "UNKNOWN");
        return answers.problem(ProblemType.OUTCOME_UNKNOWN, "The request may have been sent, but the gateway lost "
                + "track of it before the Workspace API answered: the scripts may or may not be running. Do not resend "
                + "blindly; repeat with the same Idempotency-Key later or check the executions list.", instance, Map.of(),
                extensions);
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

    static String seconds(@Nullable Duration retryAfter) {
        Duration d = retryAfter == null ? DEFAULT_RETRY_AFTER : retryAfter;
        return Long.toString(Math.max(1, (d.toMillis() + 999) / 1000));
    }
}
