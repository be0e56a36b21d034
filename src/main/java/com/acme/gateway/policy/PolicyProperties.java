package com.acme.gateway.policy;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.nio.file.Path;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the team policy file is and how often to look for changes. The 5-second cap keeps the
 * promise that a changed policy takes effect within 5 seconds.
 */
@Validated
@ConfigurationProperties("gateway.policy")
public record PolicyProperties(
        @NotBlank(message = "must be set to the team policy file, e.g. /etc/gateway/policy/policy.yaml")
        @Pattern(regexp = "^(file:)?[^:]*$", message = "must be a filesystem path, optionally prefixed with file:")
        String location,
        @DefaultValue("1s") @DurationMin(millis = 100) @DurationMax(seconds = 5) Duration reloadInterval) {

    public Path file() {
        return PolicyParser.path(location);
    }
}
