package com.acme.gateway.policy;

import com.acme.gateway.reload.FilePoller;
import com.acme.gateway.reload.ReloadingStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The policy in force. Loaded at start-up (an unreadable or invalid file stops start-up), then
 * re-read on a fixed interval. Changes are detected by a hash of the file's content, read through
 * any symlinks, so a Kubernetes ConfigMap swap ({@code ..data} re-pointed) is seen even when no
 * modification time changes. An invalid file never replaces the last good policy.
 */
@Component
public class PolicyStore implements TeamDirectory, ReloadingStore {

    private static final Logger log = LoggerFactory.getLogger(PolicyStore.class);
    private static final String UNREADABLE = "unreadable";

    private final Path file;
    private final Counter successes;
    private final Counter failures;
    private final AtomicReference<PolicyIndex> current;
    private final FilePoller poller;
    /** Fingerprint of the content last tried; touched only by the polling thread after start-up. */
    private volatile String lastSeen;

    public PolicyStore(PolicyProperties properties, MeterRegistry registry) throws InvalidPolicyException {
        this.file = properties.file();
        this.successes = reloads(registry, "success");
        this.failures = reloads(registry, "failure");
        try {
            byte[] content = PolicyParser.read(file);
            this.current = new AtomicReference<>(new PolicyIndex(PolicyParser.parse(content)));
            this.lastSeen = fingerprint(content);
        } catch (InvalidPolicyException e) {
            throw new InvalidPolicyException("The team policy " + file + " (gateway.policy.location)", e.errors());
        }
        log.info("Team policy {} loaded: {} teams", file, current().teams().size());
        this.poller = new FilePoller("policy-reload", properties.reloadInterval(), this::reloadIfChanged,
                e -> log.error("Team policy {} could not be checked for changes; will retry", file, e));
    }

    public Policy current() {
        return current.get().policy();
    }

    @Override
    public Optional<ApiKeyOwner> findByApiKey(String presentedKey) {
        return current.get().byApiKey(presentedKey);
    }

    @Override
    public Optional<TeamPolicy> findByJwtClient(String clientId) {
        return current.get().byJwtClient(clientId);
    }

    @Override
    public Optional<TeamPolicy> findByName(String team) {
        return current.get().byName(team);
    }

    @Override
    public @Nullable Freeze freeze() {
        return current().freeze();
    }

    @Override
    public ChangeWindows windowsOf(String team) {
        return current().windowsOf(team);
    }

    /** Loads the file if its content changed since the last attempt; counts and logs the outcome. */
    void reloadIfChanged() {
        byte[] content;
        try {
            content = PolicyParser.read(file);
        } catch (InvalidPolicyException e) {
            reject(UNREADABLE, e);
            return;
        }
        String fingerprint = fingerprint(content);
        if (fingerprint.equals(lastSeen)) {
            return;
        }
        try {
            Policy policy = PolicyParser.parse(content);
            current.set(new PolicyIndex(policy));
            lastSeen = fingerprint;
            successes.increment();
            log.info("Team policy {} reloaded: {} teams, content sha256 {}", file, policy.teams().size(), fingerprint);
        } catch (InvalidPolicyException e) {
            reject(fingerprint, e);
        }
    }

    private void reject(String fingerprint, InvalidPolicyException e) {
        if (fingerprint.equals(lastSeen)) {
            return;
        }
        lastSeen = fingerprint;
        failures.increment();
        log.error("Team policy {} rejected, still serving the last good policy. {}", file, e.getMessage());
    }

    @Override
    public FilePoller poller() {
        return poller;
    }

    private static Counter reloads(MeterRegistry registry, String result) {
        return Counter.builder("gateway.policy.reloads")
                .description("Attempts to apply a changed team policy file")
                .tag("result", result)
                .register(registry);
    }

    private static String fingerprint(byte[] content) {
        return HexFormat.of().formatHex(PolicyIndex.sha256(content));
    }
}
