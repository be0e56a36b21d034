package com.acme.gateway.policy;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * What one team may do, as the platform team's policy file says. Anything not named is denied.
 * Pool and script ids and key hashes are lower-case; sets keep the file's order.
 */
public record TeamPolicy(
        String name,
        List<ApiKey> apiKeys,
        Set<String> jwtClients,
        Set<String> roles,
        Set<String> pools,
        Set<String> scripts,
        Commands commands,
        Set<String> postFinish,
        boolean wholePool,
        int maxDesktops,
        int canaryRequiredAbove,
        int canaryMaxPercent,
        int maxExecutionTimeout,
        RateLimit rateLimit,
        boolean requireIdempotencyKey) {

    /** A canary batch is at most this share of the targeted desktops unless the policy says otherwise. */
    public static final int DEFAULT_CANARY_MAX_PERCENT = 50;

    /** The largest canary batch for this many targeted desktops: a strict subset, at most the policy's share. */
    public int maxCanary(int desktops) {
        return Math.min(desktops - 1, desktops * canaryMaxPercent / 100);
    }

    /** An API key of the team: only its SHA-256 (hex) is stored. */
    public record ApiKey(String id, String sha256) {
    }

    /** Free-form commands: allowed at all, which command types, longest content. */
    public record Commands(boolean allowed, Set<String> types, int maxLength) {
    }

    public record RateLimit(int requests, Duration per) {
    }
}
