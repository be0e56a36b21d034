package com.acme.gateway.policy;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a start-up with a missing or invalid policy into a plain list of what to fix. */
class InvalidPolicyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidPolicyException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidPolicyException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Fix the file named by gateway.policy.location; check a file with: java -jar <gateway.jar> check-policy <file>",
                cause);
    }
}
