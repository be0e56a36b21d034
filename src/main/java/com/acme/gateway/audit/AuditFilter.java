package com.acme.gateway.audit;

import com.acme.gateway.lifecycle.Outcome;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** Narrows an audit listing; every null field matches all rows. {@code from} inclusive, {@code to} exclusive. */
public record AuditFilter(
        @Nullable String poolId,
        @Nullable Outcome outcome,
        @Nullable Instant from,
        @Nullable Instant to) {
}
