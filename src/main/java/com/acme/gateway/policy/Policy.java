package com.acme.gateway.policy;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The whole team policy, valid as a whole: teams by name, in file order; each team's change
 * windows (teams without windows are absent); the freeze, if any; how many rollouts started
 * through the gateway may run on one pool at a time (null: unlimited).
 */
public record Policy(Map<String, TeamPolicy> teams, Map<String, ChangeWindows> windows, @Nullable Freeze freeze,
        @Nullable Integer poolConcurrency) {

    public Policy {
        teams = Collections.unmodifiableMap(new LinkedHashMap<>(teams));
        windows = Map.copyOf(windows);
    }

    public Policy(Map<String, TeamPolicy> teams) {
        this(teams, Map.of(), null, null);
    }

    /** The team's change windows; {@link ChangeWindows#restricts()} is false when it has none. */
    public ChangeWindows windowsOf(String team) {
        return windows.getOrDefault(team, ChangeWindows.NONE);
    }
}
