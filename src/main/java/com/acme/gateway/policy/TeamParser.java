package com.acme.gateway.policy;

import com.acme.gateway.policy.TeamPolicy.ApiKey;
import com.acme.gateway.policy.TeamPolicy.Commands;
import com.acme.gateway.policy.TeamPolicy.RateLimit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads one team of the policy file. Also remembers which team claimed each API key hash and JWT
 * client id, so that a credential shared by two teams is reported at the second one.
 */
final class TeamParser {

    private static final Set<String> KEYS = Set.of("api-keys", "jwt-clients", "roles", "pools", "scripts",
            "commands", "post-finish", "whole-pool", "max-desktops", "canary-required-above", "canary-max-percent",
            "max-execution-timeout", "rate-limit", "require-idempotency-key", "windows");
    private static final Set<String> COMMAND_TYPES = Set.of("SHELL", "POWERSHELL", "BAT");
    private static final Set<String> POST_FINISH = Set.of("stop", "reboot");
    private static final Set<String> ROLES = Set.of("audit-reader", "operator");
    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");
    private static final Pattern CLIENT_ID = Pattern.compile("[^\\s]{1,255}");
    private static final Pattern PER = Pattern.compile("([1-9][0-9]{0,4})(s|m|h)");
    private static final int MAX_DESKTOPS = 10_000;
    private static final int MAX_TIMEOUT_MINUTES = 10_080;
    private static final int MAX_COMMAND_LENGTH = 1_048_576;

    private final Map<String, String> keyOwners = new HashMap<>();
    private final Map<String, String> clientOwners = new HashMap<>();

    TeamPolicy parse(String name, PolicySection team) {
        team.allowOnly(KEYS);
        return new TeamPolicy(name,
                apiKeys(name, team),
                claimClients(name, team),
                team.strings("roles", ROLES::contains, "must be one of audit-reader, operator", false),
                team.uuids("pools"),
                team.uuids("scripts"),
                commands(team),
                team.strings("post-finish", POST_FINISH::contains, "must be one of stop, reboot", false),
                team.flag("whole-pool", false),
                team.integer("max-desktops", 1, MAX_DESKTOPS, null),
                team.integer("canary-required-above", 0, MAX_DESKTOPS, 0),
                team.integer("canary-max-percent", 1, 99, TeamPolicy.DEFAULT_CANARY_MAX_PERCENT),
                team.integer("max-execution-timeout", 1, MAX_TIMEOUT_MINUTES, null),
                rateLimit(team),
                team.flag("require-idempotency-key", false));
    }

    private List<ApiKey> apiKeys(String team, PolicySection section) {
        List<ApiKey> keys = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        Set<String> hashes = new HashSet<>();
        for (PolicySection key : section.sections("api-keys")) {
            if (key == null) {
                continue;
            }
            key.allowOnly(Set.of("id", "sha256"));
            String id = key.text("id", v -> KEY_ID.matcher(v).matches(), "must be 1-64 letters, digits, '.', '_' or '-'");
            String hash = key.text("sha256", v -> SHA256.matcher(v).matches(),
                    "must be the SHA-256 of the key as 64 hex characters (quote it)");
            if (id != null && !ids.add(id)) {
                key.error("id", "duplicates an earlier key id of this team");
            }
            if (hash != null) {
                hash = hash.toLowerCase(Locale.ROOT);
                if (!hashes.add(hash)) {
                    key.error("sha256", "duplicates an earlier key of this team");
                } else if (claim(keyOwners, hash, team) instanceof String owner) {
                    key.error("sha256", "already belongs to team " + owner);
                }
            }
            if (id != null && hash != null) {
                keys.add(new ApiKey(id, hash));
            }
        }
        return List.copyOf(keys);
    }

    private Set<String> claimClients(String team, PolicySection section) {
        Set<String> clients = section.strings("jwt-clients", v -> CLIENT_ID.matcher(v).matches(),
                "must be a client id of 1-255 characters without spaces", false);
        for (String client : clients) {
            if (claim(clientOwners, client, team) instanceof String owner) {
                section.error("jwt-clients", "client " + client + " already belongs to team " + owner);
            }
        }
        return clients;
    }

    private static @Nullable String claim(Map<String, String> owners, String credential, String team) {
        String owner = owners.putIfAbsent(credential, team);
        return owner == null || owner.equals(team) ? null : owner;
    }

    private static Commands commands(PolicySection team) {
        PolicySection commands = team.section("commands", false);
        if (commands == null) {
            return new Commands(false, Set.of(), 0);
        }
        commands.allowOnly(Set.of("allowed", "types", "max-length"));
        boolean allowed = commands.flag("allowed", false);
        Set<String> types = commands.strings("types", COMMAND_TYPES::contains,
                "must be one of SHELL, POWERSHELL, BAT", allowed);
        int maxLength = commands.integer("max-length", 1, MAX_COMMAND_LENGTH, allowed ? null : 0);
        return new Commands(allowed, types, maxLength);
    }

    private static RateLimit rateLimit(PolicySection team) {
        PolicySection limit = team.section("rate-limit", true);
        if (limit == null) {
            return new RateLimit(1, Duration.ofMinutes(1));
        }
        limit.allowOnly(Set.of("requests", "per"));
        int requests = limit.integer("requests", 1, 1_000_000, null);
        String per = limit.text("per", v -> PER.matcher(v).matches(), "must be a duration such as 30s, 1m or 1h");
        return new RateLimit(requests, per == null ? Duration.ofMinutes(1) : duration(per));
    }

    private static Duration duration(String text) {
        Matcher m = PER.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException(text);
        }
        long amount = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
    }
}
