package com.acme.gateway.workspace;

import com.acme.gateway.request.Ids;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** Where the Workspace API is and how the gateway signs in to it. */
@Validated
@ConfigurationProperties("workspace")
public record WorkspaceProperties(
        @NotBlank(message = "must be set to the Workspace API base URL, e.g. https://workspace.ap-southeast-1.myhuaweicloud.com")
        @Pattern(regexp = "^https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?/?$",
                message = "must be an http(s) base URL with a host and optional port, and nothing else (no path, query or user info)")
        String endpoint,
        @NotBlank(message = "must be set to the Huawei project id (32 hex characters)")
        @Pattern(regexp = Ids.PROJECT_ID, message = "must be 32 hex characters")
        String projectId,
        @NotNull(message = "must be set: workspace.credentials.access-key and workspace.credentials.secret-key, "
                + "or workspace.credentials.directory")
        @Valid Credentials credentials,
        @DefaultValue @Valid Timeouts timeouts) {

    public URI endpointUri() {
        return URI.create(endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint);
    }

    /**
     * AK/SK and, for temporary credentials, the security token: inline, or as files in
     * {@code directory} (a mounted Secret: {@code access-key}, {@code secret-key}, optional
     * {@code security-token}) re-read every {@code reloadInterval}. Never printed.
     */
    @CompleteCredentials
    public record Credentials(
            @Nullable String accessKey,
            @Nullable String secretKey,
            @Nullable String securityToken,
            @Nullable Path directory,
            @DefaultValue("1s") @DurationMin(millis = 100) @DurationMax(minutes = 1) Duration reloadInterval) {

        @Override
        public String toString() {
            return "Credentials[accessKey=" + AccessKeys.mask(accessKey) + ", secretKey=******, securityToken="
                    + (securityToken == null ? "none" : "******") + ", directory=" + directory + "]";
        }
    }

    public record Timeouts(
            @DefaultValue("2s") @DurationMin(millis = 1) @DurationMax(minutes = 1) Duration connect,
            @DefaultValue("15s") @DurationMin(millis = 1) @DurationMax(minutes = 5) Duration read) {
    }
}
