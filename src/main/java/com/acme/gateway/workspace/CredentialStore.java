package com.acme.gateway.workspace;

import com.acme.gateway.reload.FilePoller;
import com.acme.gateway.reload.ReloadingStore;
import com.acme.gateway.workspace.CredentialFiles.UnusableCredentialsException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The AK/SK pair that signs the next upstream attempt. Inline credentials never change. Credentials
 * from {@code workspace.credentials.directory} are read at start-up (unusable files stop start-up),
 * then re-read every {@code reload-interval}: a changed, complete pair takes over for the next
 * attempt (attempts already sent keep the signature they were sent with) and, being another key,
 * starts unproven in the credential guard, untouched by a pause of the old one; missing or empty
 * files keep the last good pair. Each change is counted and logged with the masked access key only.
 */
@Component
class CredentialStore implements ReloadingStore {

    private static final Logger log = LoggerFactory.getLogger(CredentialStore.class);

    private final @Nullable Path directory;
    private final Counter successes;
    private final Counter failures;
    private final FilePoller poller;
    private volatile AccessKeys current;
    /** The last rejection's reason, so that a broken file is counted and logged once, not every poll. */
    private volatile @Nullable String lastFailure;

    CredentialStore(WorkspaceProperties properties, MeterRegistry meters) {
        var credentials = properties.credentials();
        this.directory = credentials.directory();
        this.successes = reloads(meters, "success");
        this.failures = reloads(meters, "failure");
        this.current = directory == null
                ? new AccessKeys(credentials.accessKey(), credentials.secretKey(), blankToNull(credentials.securityToken()))
                : initial(directory);
        this.poller = new FilePoller("credentials-reload", credentials.reloadInterval(), this::reloadIfChanged,
                e -> log.error("Workspace credentials in {} could not be checked for changes; will retry", directory, e));
    }

    AccessKeys current() {
        return current;
    }

    /** Reads the directory and applies a changed, usable pair; counts and logs the outcome. */
    void reloadIfChanged() {
        Path dir = directory;
        if (dir == null) {
            return;
        }
        try {
            AccessKeys read = CredentialFiles.read(dir);
            lastFailure = null;
            if (!read.equals(current)) {
                AccessKeys previous = current;
                current = read;
                successes.increment();
                log.info("Workspace credentials reloaded from {}: access key {} replaces {}", dir,
                        AccessKeys.mask(read.accessKey()), AccessKeys.mask(previous.accessKey()));
            }
        } catch (UnusableCredentialsException e) {
            if (!e.getMessage().equals(lastFailure)) {
                lastFailure = e.getMessage();
                failures.increment();
                log.error("Workspace credentials in {} rejected, still signing with access key {}: {}", dir,
                        AccessKeys.mask(current.accessKey()), e.getMessage());
            }
        }
    }

    @Override
    public FilePoller poller() {
        return poller;
    }

    @Override
    public void start() {
        if (directory != null) {
            ReloadingStore.super.start();
        }
    }

    private static AccessKeys initial(Path directory) {
        try {
            AccessKeys keys = CredentialFiles.read(directory);
            log.info("Workspace credentials read from {}: access key {}", directory, AccessKeys.mask(keys.accessKey()));
            return keys;
        } catch (UnusableCredentialsException e) {
            throw new IllegalStateException("workspace.credentials.directory: " + e.getMessage(), e);
        }
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static Counter reloads(MeterRegistry meters, String result) {
        return Counter.builder("gateway.credentials.reloads")
                .description("Changes of the mounted Workspace credentials, applied (success) or rejected (failure)")
                .tag("result", result)
                .register(meters);
    }
}
