package com.acme.gateway.lifecycle;

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
    AUDIT_UNAVAILABLE,
    /** A stop request, while the Workspace API is being asked. */
    STOP_REQUESTED,
    /** The Workspace API accepted a stop request. */
    STOPPED,
    /** A stop request that the Workspace API refused, or that may not have reached it. */
    STOP_FAILED,
    /** Not sent: the pool still runs another rollout started through the gateway ({@code pool-concurrency}). */
    POOL_BUSY;

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
