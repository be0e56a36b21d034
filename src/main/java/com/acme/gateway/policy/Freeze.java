package com.acme.gateway.policy;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The policy's top-level {@code freeze}: no new executions on every pool ({@code all: true}), on the
 * listed pools, or for the listed teams, until {@code until} (or until the freeze is removed from
 * the file). Stops are never frozen.
 */
public record Freeze(boolean all, Set<String> pools, Set<String> teams, String reason, @Nullable Instant until) {

    private static final int MAX_REASON = 500;
    private static final String UNTIL_FORMAT = "must be an ISO-8601 time with offset, e.g. 2026-12-24T06:00:00+01:00";

    public Freeze {
        pools = Set.copyOf(pools);
        teams = Set.copyOf(teams);
    }

    /** In force at {@code now}: it has no end, or its end has not come yet. */
    public boolean activeAt(Instant now) {
        return until == null || now.isBefore(until);
    }

    /** Whether it covers this team or pool, whatever the time. */
    public boolean covers(String team, String pool) {
        return all || teams.contains(team) || pools.contains(pool);
    }

    /** In force at {@code now} for the team, on all its pools or on some of them (what {@code /me} shows). */
    public boolean concerns(TeamPolicy team, Instant now) {
        return activeAt(now) && (all || teams.contains(team.name()) || team.pools().stream().anyMatch(pools::contains));
    }

    /** The {@code freeze} rule for a request, when the policy has a freeze that covers it. */
    Optional<RuleCheck> check(String team, String pool, Instant now) {
        if (!covers(team, pool)) {
            return Optional.empty();
        }
        String scope = all ? "every pool" : teams.contains(team) ? "team " + team : "pool " + pool;
        String end = until == null ? "until further notice" : "until " + DateTimeFormatter.ISO_INSTANT.format(until);
        if (!activeAt(now)) {
            return Optional.of(new RuleCheck(true, new Reason("freeze", "the freeze of " + scope + " ended at "
                    + DateTimeFormatter.ISO_INSTANT.format(until))));
        }
        return Optional.of(new RuleCheck(false, new Reason("freeze", "changes are frozen for " + scope + " " + end
                + ": " + reason)));
    }

    /** Reads the top-level {@code freeze} section; pools and teams must be ones the policy names. */
    static @Nullable Freeze parse(@Nullable PolicySection freeze, Set<String> knownTeams, Set<String> knownPools) {
        if (freeze == null) {
            return null;
        }
        freeze.allowOnly(Set.of("all", "pools", "teams", "reason", "until"));
        boolean all = freeze.flag("all", false);
        Set<String> pools = freeze.uuids("pools");
        Set<String> teams = freeze.strings("teams", name -> !name.isBlank(), "must be a team name", false);
        pools.stream().filter(pool -> !knownPools.contains(pool))
                .forEach(pool -> freeze.error("pools", "pool " + pool + " is not one of any team's pools"));
        teams.stream().filter(team -> !knownTeams.contains(team))
                .forEach(team -> freeze.error("teams", "team " + team + " is not in the policy"));
        if (all && (!pools.isEmpty() || !teams.isEmpty())) {
            freeze.error("all", "all: true already covers every pool and team; remove pools and teams");
        } else if (!all && pools.isEmpty() && teams.isEmpty()) {
            freeze.error("all", "say what is frozen: all: true, or pools: [...], or teams: [...]");
        }
        String reason = freeze.text("reason", text -> !text.isBlank() && text.length() <= MAX_REASON,
                "must be a text of 1-" + MAX_REASON + " characters saying why (callers see it)");
        Instant until = until(freeze);
        return new Freeze(all, pools, teams, reason == null ? "" : reason.strip(), until);
    }

    /** YAML reads an unquoted timestamp itself (a missing offset then means UTC); a quoted one must carry an offset. */
    private static @Nullable Instant until(PolicySection freeze) {
        Object value = freeze.raw("until");
        if (value == null) {
            return null;
        }
        if (value instanceof Date date) {
            return date.toInstant();
        }
        if (value instanceof String text) {
            try {
                return OffsetDateTime.parse(text.strip()).toInstant();
            } catch (DateTimeParseException e) {
                freeze.error("until", UNTIL_FORMAT);
                return null;
            }
        }
        freeze.error("until", UNTIL_FORMAT);
        return null;
    }
}
