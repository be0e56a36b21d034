package com.acme.gateway.policy;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Finds the team a caller belongs to, in the policy currently in force. */
public interface TeamDirectory {

    /**
     * The team holding this API key and the id of the matching key; compares hashes in constant time.
     * Empty for an unknown key (a wrong key is an unknown key).
     */
    Optional<ApiKeyOwner> findByApiKey(String presentedKey);

    /** The team that lists this JWT client id. */
    Optional<TeamPolicy> findByJwtClient(String clientId);

    /** The team of this name, as the current policy defines it (used after authentication). */
    Optional<TeamPolicy> findByName(String team);

    /** The policy's freeze, in force or not; null when the policy has none. */
    default @Nullable Freeze freeze() {
        return null;
    }

    /** The team's change windows in the current policy. */
    default ChangeWindows windowsOf(String team) {
        return ChangeWindows.NONE;
    }
}
