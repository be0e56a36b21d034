package com.acme.gateway.policy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Turns a policy file into a {@link Policy}, or reports every problem in it at once. Plain YAML
 * only: no custom tags, no duplicate keys, bounded size and aliases.
 */
final class PolicyParser {

    private static final Pattern TEAM_NAME = Pattern.compile("[a-z0-9-]{1,40}");
    private static final Set<String> TOP_LEVEL = Set.of("teams", "freeze", "pool-concurrency");
    private static final int MAX_POOL_CONCURRENCY = 1000;
    private static final int MAX_CODE_POINTS = 1024 * 1024;

    private PolicyParser() {
    }

    /** The file behind a {@code gateway.policy.location}: a filesystem path, {@code file:} prefix accepted. */
    static Path path(String location) {
        return Path.of(location.startsWith("file:") ? location.substring("file:".length()) : location);
    }

    static byte[] read(Path file) throws InvalidPolicyException {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw invalid("policy: cannot read " + file + ": no such file");
        } catch (AccessDeniedException e) {
            throw invalid("policy: cannot read " + file + ": permission denied");
        } catch (IOException e) {
            throw invalid("policy: cannot read " + file + ": " + e.getClass().getSimpleName());
        }
    }

    static Policy parse(byte[] content) throws InvalidPolicyException {
        return parse(new String(content, StandardCharsets.UTF_8));
    }

    static Policy parse(String source) throws InvalidPolicyException {
        Object document = load(source);
        List<String> errors = new ArrayList<>();
        Map<String, TeamPolicy> teams = new LinkedHashMap<>();
        Map<String, ChangeWindows> windows = new LinkedHashMap<>();
        Freeze freeze = null;
        Integer poolConcurrency = null;
        if (document == null) {
            errors.add("policy: the file is empty; it must define teams");
        } else if (!(document instanceof Map<?, ?> root)) {
            errors.add("policy: must be a mapping with a 'teams' key");
        } else {
            root.keySet().stream().filter(key -> !TOP_LEVEL.contains(key)).forEach(key -> errors.add(key + ": unknown key"));
            teams(root.get("teams"), errors, teams, windows);
            Set<String> pools = teams.values().stream().flatMap(team -> team.pools().stream()).collect(Collectors.toSet());
            freeze = root.get("freeze") == null ? null
                    : Freeze.parse(PolicySection.of("freeze", root.get("freeze"), errors), teams.keySet(), pools);
            poolConcurrency = poolConcurrency(root.get("pool-concurrency"), errors);
        }
        if (!errors.isEmpty()) {
            throw new InvalidPolicyException(errors);
        }
        return new Policy(teams, windows, freeze, poolConcurrency);
    }

    private static @Nullable Integer poolConcurrency(@Nullable Object value, List<String> errors) {
        if (value == null) {
            return null;
        }
        if (value instanceof Integer limit && limit >= 1 && limit <= MAX_POOL_CONCURRENCY) {
            return limit;
        }
        errors.add("pool-concurrency: must be an integer from 1 to " + MAX_POOL_CONCURRENCY
                + " (rollouts per pool at a time); leave it out for no limit");
        return null;
    }

    private static void teams(@Nullable Object value, List<String> errors, Map<String, TeamPolicy> teams,
            Map<String, ChangeWindows> windows) {
        if (!(value instanceof Map<?, ?> byName) || byName.isEmpty()) {
            errors.add("teams: must map each team name to its rules, with at least one team");
            return;
        }
        TeamParser parser = new TeamParser();
        byName.forEach((name, rules) -> {
            String path = "teams." + name;
            if (!(name instanceof String team) || !TEAM_NAME.matcher(team).matches()) {
                errors.add(path + ": team name must be 1-40 lower-case letters, digits or '-'");
            } else if (PolicySection.of(path, rules, errors) instanceof PolicySection section) {
                TeamPolicy parsed = parser.parse(team, section);
                teams.put(team, parsed);
                ChangeWindows teamWindows = ChangeWindows.parse(section, parsed.pools());
                if (teamWindows.restricts()) {
                    windows.put(team, teamWindows);
                }
            }
        });
    }

    private static @Nullable Object load(String source) throws InvalidPolicyException {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(20);
        options.setCodePointLimit(MAX_CODE_POINTS);
        try {
            return new Yaml(new SafeConstructor(options)).load(source);
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark();
            String where = mark == null ? "" : " at line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
            throw invalid("policy: not valid YAML" + where + ": " + e.getProblem());
        } catch (YAMLException e) {
            throw invalid("policy: not valid YAML: " + e.getMessage());
        }
    }

    private static InvalidPolicyException invalid(String error) {
        return new InvalidPolicyException(List.of(error));
    }
}
