package com.acme.gateway.execution;

import com.acme.gateway.audit.AuditUnavailableException;
import com.acme.gateway.execution.ExecutionResult.Refused;
import com.acme.gateway.lifecycle.Outcome;
import com.acme.gateway.problem.Problem;
import com.acme.gateway.problem.ProblemType;

/** How a request ended: the outcome for metrics and the result for the caller. */
record Ended(Outcome outcome, ExecutionResult result) {

    static Ended refused(Outcome outcome, Problem problem) {
        return new Ended(outcome, new Refused(problem));
    }

    static Ended auditUnavailable(Submission submission) {
        return storeUnavailable(submission, "The audit store cannot be written, so nothing was executed. Retry later.");
    }

    /** The rate limit lives in the same database as the audit trail: without it nothing is sent either. */
    static Ended rateLimitUnavailable(Submission submission) {
        return storeUnavailable(submission, "The shared store of the audit trail and the rate limits cannot be reached, "
                + "so nothing was executed. Retry later.");
    }

    /** {@code ended}, once {@code write} has put its audit row in the store; without the store, nothing ran. */
    static Ended audited(Runnable write, Submission submission, Ended ended) {
        try {
            write.run();
        } catch (AuditUnavailableException e) {
            return auditUnavailable(submission);
        }
        return ended;
    }

    private static Ended storeUnavailable(Submission submission, String detail) {
        return new Ended(Outcome.AUDIT_UNAVAILABLE, new Refused(Problem.of(ProblemType.AUDIT_UNAVAILABLE, detail)
                .at(submission.instance()), Problem.RETRY_AFTER_SECONDS, null));
    }
}
