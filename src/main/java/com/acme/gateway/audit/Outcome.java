package com.acme.gateway.audit;

import java.util.Arrays;
import java.util.Locale;

/**
 * How a request ended, as stored in the audit row and used as the {@code outcome} metric tag.
 * {@link #PENDING} only while the request is in flight.
 */
public enum Outcome {
    PENDING,
    SUBMITTED,
    DRY_RUN,
    INVALID,
    UNAUTHENTICATED,
    DENIED,
    RATE_LIMITED,
    DUPLICATE,
    UPSTREAM_REJECTED,
    UPSTREAM_FAILED,
    UNKNOWN,
    CIRCUIT_OPEN,
    AUDIT_UNAVAILABLE;

    /** The stored and tagged form, e.g. {@code upstream_failed}. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Outcome fromValue(String value) {
        return Arrays.stream(values())
                .filter(outcome -> outcome.value().equals(value))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown outcome: " + value));
    }
}
