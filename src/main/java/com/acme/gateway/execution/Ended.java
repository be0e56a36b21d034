package com.acme.gateway.execution;

import com.acme.gateway.lifecycle.Outcome;
import java.util.Map;

/** How a request ended: the outcome for metrics and the answer for the caller. */
record Ended(Outcome outcome, ExecutionAnswer answer) {

    static Ended auditUnavailable(Answers answers, Submission submission) {
        return new Ended(Outcome.AUDIT_UNAVAILABLE, answers.problem(ProblemType.AUDIT_UNAVAILABLE,
                "The audit store cannot be written, so nothing was executed. Retry later.", submission.instance(),
                Map.of("Retry-After", "5"), Map.of()));
    }

    /** The rate limit lives in the same database as the audit trail: without it nothing is sent either. */
    static Ended rateLimitUnavailable(Answers answers, Submission submission) {
        return new Ended(Outcome.AUDIT_UNAVAILABLE, answers.problem(ProblemType.AUDIT_UNAVAILABLE,
                "The shared store of the audit trail and the rate limits cannot be reached, so nothing was executed. "
                        + "Retry later.", submission.instance(), Map.of("Retry-After", "5"), Map.of()));
    }
}
