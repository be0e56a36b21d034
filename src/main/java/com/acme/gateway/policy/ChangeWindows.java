package com.acme.gateway.policy;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A team's weekly change windows. Entries that are plain text apply to every pool of the team; an
 * entry {@code {pools: [...], ranges: [...]}} gives those pools their own windows instead. A pool
 * with no window at all is not restricted.
 */
public record ChangeWindows(List<WeeklyWindow> teamWide, Map<String, List<WeeklyWindow>> byPool) {

    static final ChangeWindows NONE = new ChangeWindows(List.of(), Map.of());

    public ChangeWindows {
        teamWide = List.copyOf(teamWide);
        byPool = Map.copyOf(byPool);
    }

    public boolean restricts() {
        return !teamWide.isEmpty() || !byPool.isEmpty();
    }

    /** The windows as the policy file states them: {@code "*"} for every pool, else by pool id. */
    public Map<String, List<String>> describe() {
        Map<String, List<String>> described = new LinkedHashMap<>();
        if (!teamWide.isEmpty()) {
            described.put("*", teamWide.stream().map(WeeklyWindow::text).toList());
        }
        byPool.forEach((pool, windows) -> described.put(pool, windows.stream().map(WeeklyWindow::text).toList()));
        return described;
    }

    /** The {@code window} rule for a pool at {@code now}; empty when the pool has no windows. */
    Optional<RuleCheck> check(String pool, Instant now) {
        List<WeeklyWindow> windows = byPool.getOrDefault(pool, teamWide);
        if (windows.isEmpty()) {
            return Optional.empty();
        }
        for (WeeklyWindow window : windows) {
            if (window.contains(now)) {
                return Optional.of(new RuleCheck(true, new Reason("window", "inside the change window " + window.text())));
            }
        }
        String next = windows.stream().map(window -> window.nextOpening(now)).flatMap(Optional::stream)
                .min(Comparator.comparing(ZonedDateTime::toInstant))
                .map(opening -> "; the next window opens at " + opening.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME))
                .orElse("");
        return Optional.of(new RuleCheck(false, new Reason("window", "outside every change window for pool " + pool
                + " (" + String.join(", ", windows.stream().map(WeeklyWindow::text).toList()) + ")" + next)));
    }

    /** Reads a team's {@code windows} list; pools must be the team's own. */
    static ChangeWindows parse(PolicySection team, Set<String> teamPools) {
        Object value = team.raw("windows");
        if (value == null) {
            return NONE;
        }
        if (!(value instanceof List<?> entries)) {
            team.error("windows", "must be a list of windows such as ['Mon-Fri 22:00-06:00 Europe/Berlin']");
            return NONE;
        }
        List<WeeklyWindow> teamWide = new ArrayList<>();
        Map<String, List<WeeklyWindow>> byPool = new LinkedHashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            String at = "windows[" + i + "]";
            if (entries.get(i) instanceof String text) {
                window(team, at, text).ifPresent(teamWide::add);
            } else if (entries.get(i) instanceof Map<?, ?> entry) {
                poolEntry(team, at, entry, teamPools, byPool);
            } else {
                team.error(at, "must be a window such as 'Mon-Fri 22:00-06:00 Europe/Berlin' or {pools: [...], ranges: [...]}");
            }
        }
        return new ChangeWindows(teamWide, byPool);
    }

    private static void poolEntry(PolicySection team, String at, Map<?, ?> entry, Set<String> teamPools,
            Map<String, List<WeeklyWindow>> byPool) {
        PolicySection section = team.nested(at, entry);
        section.allowOnly(Set.of("pools", "ranges"));
        Set<String> pools = section.uuids("pools");
        if (pools.isEmpty()) {
            section.error("pools", "must name at least one pool of the team");
        }
        pools.stream().filter(pool -> !teamPools.contains(pool))
                .forEach(pool -> section.error("pools", "pool " + pool + " is not one of the team's pools"));
        List<WeeklyWindow> ranges = new ArrayList<>();
        Object value = section.raw("ranges");
        if (!(value instanceof List<?> texts) || texts.isEmpty()) {
            section.error("ranges", "must be a non-empty list of windows such as ['Sat 08:00-12:00 Europe/Berlin']");
        } else {
            for (int j = 0; j < texts.size(); j++) {
                if (texts.get(j) instanceof String text) {
                    window(section, "ranges[" + j + "]", text).ifPresent(ranges::add);
                } else {
                    section.error("ranges[" + j + "]", WeeklyWindow.FORMAT);
                }
            }
        }
        for (String pool : pools) {
            if (byPool.containsKey(pool)) {
                section.error("pools", "pool " + pool + " already has windows in an earlier entry");
            }
            byPool.put(pool.toLowerCase(Locale.ROOT), ranges);
        }
    }

    private static Optional<WeeklyWindow> window(PolicySection section, String at, String text) {
        WeeklyWindow.Parsed parsed = WeeklyWindow.parse(text);
        if (parsed.error() != null) {
            section.error(at, parsed.error());
        }
        return Optional.ofNullable(parsed.window());
    }
}
