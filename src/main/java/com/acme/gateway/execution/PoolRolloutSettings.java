package com.acme.gateway.execution;

import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the policy's {@code pool-concurrency} finds out that a rollout ended: a task status read from
 * the Workspace API is reused for {@code statusCache}; a rollout whose status cannot be read (the
 * upstream fails, does not list the task, or the outcome is unknown) stops blocking its pool after
 * {@code unreadableAfter}.
 */
@Validated
@ConfigurationProperties("gateway.pool-rollouts")
record PoolRolloutSettings(
        @DefaultValue("5s") @DurationMin(millis = 0) @DurationMax(minutes = 5) Duration statusCache,
        @DefaultValue("30m") @DurationMin(seconds = 1) @DurationMax(days = 7) Duration unreadableAfter) {
}
