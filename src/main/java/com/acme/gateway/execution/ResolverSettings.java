package com.acme.gateway.execution;

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
 * The background resolver of unknown outcomes: how often it runs, how long after a request it
 * stops looking for its task, how long after a request the task may have started, and how many
 * rows one round looks at. Whether it runs at all ({@code enabled}) is {@link UnknownOutcomeSchedule}'s condition.
 */
@Validated
@ConfigurationProperties("gateway.idempotency.resolver")
record ResolverSettings(
        @DefaultValue("30s") @NotNull @DurationMin(seconds = 1) @DurationMax(hours = 1) Duration interval,
        @DefaultValue("1h") @NotNull @DurationMin(minutes = 1) @DurationMax(days = 1) Duration giveUpAfter,
        @DefaultValue("5m") @NotNull @DurationMin(seconds = 30) @DurationMax(hours = 1) Duration matchWindow,
        @DefaultValue("50") @Min(1) @Max(1000) int batchSize) {
}
