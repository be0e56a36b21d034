package com.acme.gateway.policy;

import java.util.List;

/**
 * A policy file that cannot be used. Carries every problem found, each naming the path of the
 * offending key, e.g. {@code teams.payments.max-desktops: must be a positive integer}.
 */
public class InvalidPolicyException extends Exception {

    private final List<String> errors;

    public InvalidPolicyException(List<String> errors) {
        this("The team policy", errors);
    }

    public InvalidPolicyException(String source, List<String> errors) {
        super(source + " is invalid (" + errors.size() + (errors.size() == 1 ? " error" : " errors") + "):"
                + System.lineSeparator() + "  " + String.join(System.lineSeparator() + "  ", errors));
        this.errors = List.copyOf(errors);
    }

    public List<String> errors() {
        return errors;
    }
}
