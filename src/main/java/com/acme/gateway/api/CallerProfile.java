package com.acme.gateway.api;

import com.acme.gateway.policy.ChangeWindows;
import com.acme.gateway.policy.Freeze;
import com.acme.gateway.policy.TeamPolicy;
import com.acme.gateway.security.TeamPrincipal;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/** Who the caller is and the policy that applies to its team right now. */
record CallerProfile(
        String team,
        String principal,
        @JsonProperty("auth_method") String authMethod,
        List<String> roles,
        EffectivePolicy policy,
        @Nullable FreezeView freeze,
        @JsonProperty("change_windows") Map<String, List<String>> changeWindows) {

    static CallerProfile of(TeamPrincipal principal, TeamPolicy team, @Nullable Freeze freeze, ChangeWindows windows) {
        return new CallerProfile(team.name(), principal.id(), principal.method().name().toLowerCase(Locale.ROOT),
                principal.roles().stream().sorted().toList(), EffectivePolicy.of(team),
                freeze == null ? null : FreezeView.of(freeze, team), windows.describe());
    }

    /**
     * The freeze in force for the team: {@code all}, or the team itself, or those of its pools that are
     * frozen; {@code until} null means until the freeze is lifted.
     */
    record FreezeView(boolean all, @JsonProperty("team_frozen") boolean teamFrozen, Set<String> pools, String reason,
            @Nullable Instant until) {

        static FreezeView of(Freeze freeze, TeamPolicy team) {
            Set<String> pools = new TreeSet<>(team.pools());
            pools.retainAll(freeze.pools());
            return new FreezeView(freeze.all(), freeze.teams().contains(team.name()), pools, freeze.reason(),
                    freeze.until());
        }
    }

    /** The team's rules as the policy file states them; API keys by id only, never their hashes. */
    record EffectivePolicy(
            Set<String> pools,
            Set<String> scripts,
            Commands commands,
            @JsonProperty("post_finish") Set<String> postFinish,
            @JsonProperty("whole_pool") boolean wholePool,
            @JsonProperty("max_desktops") int maxDesktops,
            @JsonProperty("canary_required_above") int canaryRequiredAbove,
            @JsonProperty("canary_max_percent") int canaryMaxPercent,
            @JsonProperty("max_execution_timeout") int maxExecutionTimeout,
            @JsonProperty("rate_limit") RateLimit rateLimit,
            @JsonProperty("require_idempotency_key") boolean requireIdempotencyKey,
            @JsonProperty("api_key_ids") List<String> apiKeyIds,
            @JsonProperty("jwt_clients") Set<String> jwtClients) {

        static EffectivePolicy of(TeamPolicy team) {
            TeamPolicy.Commands commands = team.commands();
            return new EffectivePolicy(team.pools(), team.scripts(),
                    new Commands(commands.allowed(), commands.types(), commands.maxLength()), team.postFinish(),
                    team.wholePool(), team.maxDesktops(), team.canaryRequiredAbove(), team.canaryMaxPercent(),
                    team.maxExecutionTimeout(),
                    new RateLimit(team.rateLimit().requests(), team.rateLimit().per().toString()),
                    team.requireIdempotencyKey(), team.apiKeys().stream().map(TeamPolicy.ApiKey::id).toList(),
                    team.jwtClients());
        }
    }

    record Commands(boolean allowed, Set<String> types, @JsonProperty("max_length") int maxLength) {
    }

    /** {@code per} is an ISO-8601 duration, e.g. {@code PT1M}. */
    record RateLimit(int requests, String per) {
    }
}
