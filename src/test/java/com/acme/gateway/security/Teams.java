package com.acme.gateway.security;

import com.acme.gateway.policy.ApiKeyOwner;
import com.acme.gateway.policy.TeamDirectory;
import com.acme.gateway.policy.TeamPolicy;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Two teams and an in-memory {@link TeamDirectory} over them, standing in for the policy store. */
final class Teams {

    /** Test-only keys: made up for these tests, valid nowhere. */
    static final String PAYMENTS_KEY = "test-payments-key-4f1c9a7e2b";
    static final String AUDIT_KEY = "test-audit-key-8d3e6b1f0c";

    static final TeamPolicy PAYMENTS = team("payments", "payments-ci", PAYMENTS_KEY, "svc-payments", Set.of());
    static final TeamPolicy AUDITORS = team("auditors", "audit-bot", AUDIT_KEY, "svc-audit", Set.of("audit-reader"));

    private Teams() {
    }

    static TeamDirectory directory() {
        return new InMemoryDirectory(List.of(PAYMENTS, AUDITORS));
    }

    private static TeamPolicy team(String name, String keyId, String key, String jwtClient, Set<String> roles) {
        return new TeamPolicy(name, List.of(new TeamPolicy.ApiKey(keyId, sha256(key))), Set.of(jwtClient), roles,
                Set.of(), Set.of(), new TeamPolicy.Commands(false, Set.of(), 0), Set.of(), false, 1, 1,
                TeamPolicy.DEFAULT_CANARY_MAX_PERCENT, 1,
                new TeamPolicy.RateLimit(60, Duration.ofMinutes(1)), false);
    }

    private static String sha256(String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        }
        catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private record InMemoryDirectory(List<TeamPolicy> teams) implements TeamDirectory {

        @Override
        public Optional<ApiKeyOwner> findByApiKey(String presentedKey) {
            byte[] presented = sha256(presentedKey).getBytes(StandardCharsets.US_ASCII);
            for (TeamPolicy team : teams) {
                for (TeamPolicy.ApiKey key : team.apiKeys()) {
                    if (MessageDigest.isEqual(presented, key.sha256().getBytes(StandardCharsets.US_ASCII))) {
                        return Optional.of(new ApiKeyOwner(team, key.id()));
                    }
                }
            }
            return Optional.empty();
        }

        @Override
        public Optional<TeamPolicy> findByJwtClient(String clientId) {
            return teams.stream().filter(team -> team.jwtClients().contains(clientId)).findFirst();
        }

        @Override
        public Optional<TeamPolicy> findByName(String team) {
            return teams.stream().filter(candidate -> candidate.name().equals(team)).findFirst();
        }
    }
}
