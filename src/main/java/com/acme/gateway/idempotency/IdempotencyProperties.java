package com.acme.gateway.idempotency;

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
 * How long keys are kept (at least 24 hours, counted from the answer), how expired keys are
 * purged, and after how long an unanswered claim counts as abandoned (longer than any upstream
 * call with its retries can take).
 */
@Validated
@ConfigurationProperties("gateway.idempotency")
record IdempotencyProperties(
        @DefaultValue("24h") @NotNull @DurationMin(hours = 24) @DurationMax(days = 30) Duration retention,
        @DefaultValue("10m") @NotNull @DurationMin(seconds = 1) @DurationMax(hours = 24) Duration purgeInterval,
        @DefaultValue("1000") @Min(1) @Max(10000) int purgeBatchSize,
        @DefaultValue("5m") @NotNull @DurationMin(minutes = 1) @DurationMax(hours = 1) Duration inFlightTimeout) {
}
