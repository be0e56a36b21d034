package com.acme.gateway.policy;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The whole team policy, valid as a whole: teams by name, in file order. */
public record Policy(Map<String, TeamPolicy> teams) {

    public Policy {
        teams = Collections.unmodifiableMap(new LinkedHashMap<>(teams));
    }
}
