package com.acme.gateway.api;

import com.acme.gateway.audit.AuditFilter;
import com.acme.gateway.audit.PageRequest;
import com.acme.gateway.lifecycle.Outcome;
import com.acme.gateway.problem.FieldError;
import com.acme.gateway.problem.ProblemType;
import com.acme.gateway.request.Ids;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The query parameters of a listing of execution records, checked all at once: every problem is
 * reported in one 400, and an unknown parameter is a problem too (a misspelt filter must not
 * silently widen an audit listing).
 *
 * @param team only for the all-teams listing: one team's rows, or every team's when null
 */
record ListingQuery(AuditFilter filter, PageRequest page, @Nullable String team) {

    static final Set<String> PARAMETERS = Set.of("page", "size", "pool_id", "outcome", "from", "to");
    static final Set<String> PARAMETERS_WITH_TEAM = Set.of("page", "size", "pool_id", "outcome", "from", "to", "team");
    static final int DEFAULT_SIZE = 20;

    private static final Pattern TEAM = Pattern.compile("^[a-z0-9-]{1,40}$");
    // the databases' timestamp ranges differ far out; a bounded window never turns a query into a database error
    private static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");
    private static final List<String> OUTCOMES = Arrays.stream(Outcome.values()).map(Outcome::value).toList();

    /** The raw values as the caller sent them; null when absent. */
    record Raw(@Nullable String page, @Nullable String size, @Nullable String poolId, @Nullable String outcome,
            @Nullable String from, @Nullable String to, @Nullable String team) {
    }

    static ListingQuery parse(Raw raw, Collection<String> given, Set<String> allowed) {
        List<FieldError> errors = new ArrayList<>();
        given.stream().filter(name -> !allowed.contains(name)).sorted().forEach(name -> errors.add(
                FieldError.parameter(clip(name), "unknown parameter; allowed: " + allowed.stream().sorted().toList())));
        int page = integer(errors, "page", raw.page(), 0, 0, Integer.MAX_VALUE);
        int size = integer(errors, "size", raw.size(), DEFAULT_SIZE, 1, PageRequest.MAX_SIZE);
        String poolId = raw.poolId() == null ? null : Ids.canonical(raw.poolId());
        if (poolId != null && !Ids.isUuid(poolId)) {
            errors.add(FieldError.parameter("pool_id", Ids.UUID_MESSAGE));
        }
        Outcome outcome = outcome(errors, raw.outcome());
        Instant from = instant(errors, "from", raw.from());
        Instant to = instant(errors, "to", raw.to());
        if (from != null && to != null && !to.isAfter(from)) {
            errors.add(FieldError.parameter("to", "must be later than from"));
        }
        String team = raw.team();
        if (team != null && !TEAM.matcher(team).matches()) {
            errors.add(FieldError.parameter("team", "must be a team name: 1-40 lower-case letters, digits or '-'"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(ProblemType.VALIDATION, errors);
        }
        return new ListingQuery(new AuditFilter(poolId, outcome, from, to), new PageRequest(page, size), team);
    }

    private static int integer(List<FieldError> errors, String name, @Nullable String value, int absent, int min, int max) {
        if (value == null) {
            return absent;
        }
        String rule = max == Integer.MAX_VALUE ? "must be an integer of at least " + min
                : "must be an integer from " + min + " to " + max;
        try {
            int parsed = Integer.parseInt(value);
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below, with the rule
        }
        errors.add(FieldError.parameter(name, rule));
        return absent;
    }

    private static @Nullable Outcome outcome(List<FieldError> errors, @Nullable String value) {
        if (value == null) {
            return null;
        }
        if (!OUTCOMES.contains(value)) {
            errors.add(FieldError.parameter("outcome", "must be one of: " + String.join(", ", OUTCOMES)));
            return null;
        }
        return Outcome.fromValue(value);
    }

    private static @Nullable Instant instant(List<FieldError> errors, String name, @Nullable String value) {
        if (value == null) {
            return null;
        }
        try {
            Instant instant = Instant.parse(value);
            if (!instant.isBefore(EARLIEST) && !instant.isAfter(LATEST)) {
                return instant;
            }
        } catch (DateTimeParseException e) {
            // reported below, with the rule
        }
        errors.add(FieldError.parameter(name, "must be an ISO-8601 instant such as 2026-03-01T10:00:00Z, from "
                + EARLIEST + " to " + LATEST));
        return null;
    }

    /** Parameter names come from the caller: echo them bounded and in plain characters only. */
    static String clip(String name) {
        String plain = name.replaceAll("[^A-Za-z0-9_.-]", "?");
        return plain.length() <= 40 ? plain : plain.substring(0, 40) + "...";
    }
}
