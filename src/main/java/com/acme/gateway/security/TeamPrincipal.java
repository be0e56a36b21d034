package com.acme.gateway.security;

import com.acme.gateway.policy.TeamPolicy;
import java.util.Set;

/**
 * Who called: the team, which credential it used and the roles its policy grants. Controllers get it with
 * {@code @AuthenticationPrincipal TeamPrincipal}; the team's full policy is looked up per request by
 * {@link #team()} so that a policy reload applies at once.
 *
 * @param team   the team name from the policy
 * @param id     the credential, e.g. {@code apikey:payments-ci} (the policy's key id) or {@code jwt:svc-payments}
 * @param roles  the team's roles, e.g. {@code audit-reader}
 * @param method how the caller authenticated
 */
public record TeamPrincipal(String team, String id, Set<String> roles, Method method) {

    public TeamPrincipal {
        roles = Set.copyOf(roles);
    }

    static TeamPrincipal ofApiKey(TeamPolicy team, String keyId) {
        return new TeamPrincipal(team.name(), "apikey:" + keyId, team.roles(), Method.API_KEY);
    }

    static TeamPrincipal ofJwtClient(TeamPolicy team, String clientId) {
        return new TeamPrincipal(team.name(), "jwt:" + clientId, team.roles(), Method.JWT);
    }

    public enum Method {
        API_KEY, JWT
    }
}
