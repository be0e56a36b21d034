package com.acme.gateway.audit;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How long audit rows are kept and how they are purged. At least 30 days, so a row outlives every
 * Idempotency-Key (kept at most 30 days) whose stored answer points at it.
 */
@Validated
@ConfigurationProperties("gateway.audit")
record AuditRetention(
        @DefaultValue("400d") @NotNull @DurationMin(days = 30) Duration retention,
        @DefaultValue("1h") @NotNull @DurationMin(seconds = 1) @DurationMax(hours = 24) Duration purgeInterval,
        @DefaultValue("1000") @Min(1) @Max(10000) int purgeBatchSize) {
}
