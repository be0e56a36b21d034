package com.acme.gateway.request;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The body of "execute scripts on a desktop pool", with the upstream's own snake_case names. The
 * gateway forwards exactly this (absent fields stay absent). Field rules are annotations here;
 * configurable limits and cross-field rules live in {@link ScriptExecutionRequestValidator}.
 */
@ValidScriptExecution
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ScriptExecutionRequest(
        @JsonProperty("script_ids") @Nullable List<@NotNull @Pattern(regexp = Ids.UUID, message = Ids.UUID_MESSAGE) String> scriptIds,
        @JsonProperty("gray_count") @Min(value = 1, message = "must be at least 1") @Nullable Integer grayCount,
        @JsonProperty("gray_desktop_ids") @Nullable List<@NotNull @Pattern(regexp = Ids.UUID, message = Ids.UUID_MESSAGE) String> grayDesktopIds,
        @JsonProperty("desktop_ids") @Nullable List<@NotNull @Pattern(regexp = Ids.UUID, message = Ids.UUID_MESSAGE) String> desktopIds,
        @JsonProperty("gray_fail_threshold") @Min(value = 1, message = "must be at least 1") @Nullable Integer grayFailThreshold,
        @JsonProperty("pre_start") @Pattern(regexp = "^[A-Za-z0-9_.-]{1,64}$", message = "must be 1-64 letters, digits, '_', '.' or '-'") @Nullable String preStart,
        @JsonProperty("post_finish") @Pattern(regexp = "^(stop|reboot)$", message = "must be one of: stop, reboot") @Nullable String postFinish,
        @JsonProperty("command_content") @Nullable String commandContent,
        @JsonProperty("command_type") @Pattern(regexp = "^(POWERSHELL|BAT|SHELL)$", message = "must be one of: POWERSHELL, BAT, SHELL") @Nullable String commandType,
        @JsonProperty("execution_timeout") @Min(value = 1, message = "must be at least 1 (minutes)") @Max(value = 10080, message = "must be at most 10080 (minutes)") @Nullable Integer executionTimeout) {

    /** What kind of execution this is, for policy and metrics: script, shell, powershell or bat. */
    public String kind() {
        return commandType == null ? "script" : commandType.toLowerCase(Locale.ROOT);
    }

    /** SHA-256 (hex) of the command text, the form in which audit rows and logs keep it. */
    public @Nullable String commandSha256() {
        if (commandContent == null) {
            return null;
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(commandContent.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** The same request with every id in lower case: the one form ids are compared, stored and sent in. */
    public ScriptExecutionRequest canonical() {
        return new ScriptExecutionRequest(Ids.canonical(scriptIds), grayCount, Ids.canonical(grayDesktopIds),
                Ids.canonical(desktopIds), grayFailThreshold, preStart, postFinish, commandContent, commandType,
                executionTimeout);
    }

    public boolean hasGrayBatch() {
        return grayCount != null || (grayDesktopIds != null && !grayDesktopIds.isEmpty());
    }
}
