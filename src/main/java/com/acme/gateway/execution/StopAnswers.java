package com.acme.gateway.execution;

import com.acme.gateway.execution.ExecutionResult.Refused;
import com.acme.gateway.problem.Problem;
import com.acme.gateway.problem.ProblemType;
import com.acme.gateway.workspace.UpstreamException;

/** What the caller is told when the Workspace API did not accept a stop. Stopping is safe to repeat, and each answer says so. */
final class StopAnswers {

    private static final String REPEAT = " Stopping is safe to repeat.";

    private StopAnswers() {
    }

    static Refused answer(UpstreamException e, String instance, String requestId) {
        ProblemType type = switch (e.failure()) {
            case NOT_SENT, THROTTLED, CIRCUIT_OPEN, BULKHEAD_FULL -> ProblemType.UPSTREAM_UNAVAILABLE;
            case CREDENTIALS_LOCKED -> ProblemType.UPSTREAM_CREDENTIALS_LOCKED;
            case REJECTED -> ProblemType.UPSTREAM_REJECTED;
            case NOT_FOUND -> ProblemType.NOT_FOUND;
            case CREDENTIALS_REFUSED -> ProblemType.UPSTREAM_CREDENTIALS;
            case FAILED -> ProblemType.UPSTREAM_FAILED;
            case TIMED_OUT -> ProblemType.UPSTREAM_TIMEOUT;
            case CONNECTION_LOST -> ProblemType.UPSTREAM_CONNECTION_LOST;
            case UNKNOWN -> ProblemType.OUTCOME_UNKNOWN;
        };
        return UpstreamAnswers.failed(e, type, Problem.of(type, detail(e) + REPEAT).at(instance), requestId);
    }

    private static String detail(UpstreamException e) {
        return switch (e.failure()) {
            case NOT_SENT, THROTTLED, CIRCUIT_OPEN, BULKHEAD_FULL, CREDENTIALS_LOCKED ->
                    "The stop was not sent or not processed by the Workspace API; the task was not stopped. Retry later.";
            case REJECTED -> "The Workspace API refused the stop (the task may have finished already); see error_code and error_msg.";
            case NOT_FOUND -> "The Workspace API does not know this task (or record).";
            case CREDENTIALS_REFUSED -> "The gateway's own credentials were refused; the task was not stopped. "
                    + "Operators have been alerted.";
            case FAILED -> "The Workspace API answered in a way that shows the stop was not processed.";
            case TIMED_OUT, CONNECTION_LOST, UNKNOWN -> "The stop was sent but the Workspace API did not say whether it "
                    + "took effect; check the execution's status.";
        };
    }
}
