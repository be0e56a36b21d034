package com.acme.gateway.policy;

import java.util.List;

/** The policy's answer to one request, with the reasons behind it. */
public sealed interface Decision {

    List<Reason> reasons();

    default boolean allowed() {
        return this instanceof Allowed;
    }

    /** Every rule passed; {@code reasons} lists each rule that was checked. */
    record Allowed(List<Reason> reasons) implements Decision {
        public Allowed {
            reasons = List.copyOf(reasons);
        }
    }

    /** At least one rule failed; {@code reasons} lists every failed rule, and only those. */
    record Denied(List<Reason> reasons) implements Decision {
        public Denied {
            reasons = List.copyOf(reasons);
        }
    }
}
