package com.acme.gateway.workspace;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.PositiveOrZero;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * What Resilience4j has no setting for: the backoff, the overall deadline, the retry budget and the
 * credential lockout guard. Attempts, circuit breaker and bulkhead are Resilience4j's own
 * {@code resilience4j.*.instances.workspace} properties.
 */
@Validated
@ConfigurationProperties("workspace.resilience")
record ResilienceProperties(
        @DefaultValue @Valid BackoffSettings backoff,
        @DefaultValue("10s") @DurationMin(millis = 1) @DurationMax(minutes = 5) Duration deadline,
        @DefaultValue @Valid BudgetSettings retryBudget,
        @DefaultValue @Valid LockoutSettings credentialLockout) {

    /** Full jitter: the n-th retry waits {@code random(0, min(cap, base·2^(n-1)))}, or Retry-After up to its cap. */
    record BackoffSettings(
            @DefaultValue("500ms") @DurationMin(millis = 1) @DurationMax(minutes = 1) Duration base,
            @DefaultValue("5s") @DurationMin(millis = 1) @DurationMax(minutes = 1) Duration cap,
            @DefaultValue("30s") @DurationMin(millis = 1) @DurationMax(minutes = 5) Duration maxRetryAfter) {
    }

    /** Retries stay within {@code max(minRetries, ratio × calls)} over the last {@code window}. */
    record BudgetSettings(
            @DefaultValue("0.2") @DecimalMin("0.0") @DecimalMax("1.0") double ratio,
            @DefaultValue("10") @PositiveOrZero int minRetries,
            @DefaultValue("10s") @DurationMin(seconds = 1) @DurationMax(minutes = 10) Duration window) {
    }

    /**
     * Huawei locks an AK/SK for 5 minutes after more than 5 authentication failures in a row: stop
     * after {@code threshold} for {@code pause} (at least the 5-minute lock, so a pause never ends
     * inside a lock), and never have more than {@code maxInFlight} requests out across all replicas,
     * since all of them may be answered 401 when a working key goes bad. Both at most 4, leaving
     * room for the probe after a pause. A request waits up to {@code inFlightWait} for a free place.
     */
    record LockoutSettings(
            @DefaultValue("3") @Min(1) @Max(4) int threshold,
            @DefaultValue("6m") @DurationMin(minutes = 5) @DurationMax(hours = 24) Duration pause,
            @DefaultValue("4") @Min(1) @Max(4) int maxInFlight,
            @DefaultValue("2s") @DurationMin(millis = 0) @DurationMax(seconds = 30) Duration inFlightWait) {
    }
}
