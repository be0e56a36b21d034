package com.acme.gateway.policy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** One policy plus the lookups callers need, built once per successful load. */
final class PolicyIndex {

    private record KeyHash(byte[] sha256, ApiKeyOwner owner) {
    }

    private final Policy policy;
    private final List<KeyHash> keys;
    private final Map<String, TeamPolicy> byClient = new HashMap<>();

    PolicyIndex(Policy policy) {
        this.policy = policy;
        this.keys = policy.teams().values().stream()
                .flatMap(team -> team.apiKeys().stream().map(key -> new KeyHash(HexFormat.of().parseHex(key.sha256()), new ApiKeyOwner(team, key.id()))))
                .toList();
        policy.teams().values().forEach(team -> team.jwtClients().forEach(client -> byClient.put(client, team)));
    }

    Policy policy() {
        return policy;
    }

    /**
     * Compares the presented key's hash with every stored hash, in constant time each and without
     * stopping at a match, so timing tells little about which key (if any) matched.
     */
    Optional<ApiKeyOwner> byApiKey(String presentedKey) {
        byte[] presented = sha256(presentedKey.getBytes(StandardCharsets.UTF_8));
        @Nullable ApiKeyOwner match = null;
        for (KeyHash key : keys) {
            if (MessageDigest.isEqual(key.sha256(), presented)) {
                match = key.owner();
            }
        }
        return Optional.ofNullable(match);
    }

    Optional<TeamPolicy> byJwtClient(String clientId) {
        return Optional.ofNullable(byClient.get(clientId));
    }

    Optional<TeamPolicy> byName(String team) {
        return Optional.ofNullable(policy.teams().get(team));
    }

    static byte[] sha256(byte[] content) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(content);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
