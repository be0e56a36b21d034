package com.acme.gateway.policy;

import com.acme.gateway.request.Ids;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * One YAML mapping of the policy file, read at a known path. Typed reads never throw: every
 * problem is added to the shared error list with its full path so that a file reports all its
 * errors at once. A key with an empty value counts as absent.
 */
final class PolicySection {

    private final String path;
    private final Map<?, ?> values;
    private final List<String> errors;

    private PolicySection(String path, Map<?, ?> values, List<String> errors) {
        this.path = path;
        this.values = values;
        this.errors = errors;
    }

    static @Nullable PolicySection of(String path, @Nullable Object value, List<String> errors) {
        if (value instanceof Map<?, ?> map) {
            return new PolicySection(path, map, errors);
        }
        errors.add(path + ": must be a mapping of keys to values");
        return null;
    }

    String pathOf(String key) {
        return path + "." + key;
    }

    void error(String key, String message) {
        errors.add(pathOf(key) + ": " + message);
    }

    /** The value as YAML gave it, for shapes the typed reads do not cover. */
    @Nullable Object raw(String key) {
        return values.get(key);
    }

    /** A mapping found under {@code at} (e.g. {@code windows[2]}) of this section. */
    PolicySection nested(String at, Map<?, ?> value) {
        return new PolicySection(pathOf(at), value, errors);
    }

    boolean has(String key) {
        return values.get(key) != null;
    }

    void allowOnly(Set<String> keys) {
        values.keySet().stream()
                .filter(key -> !(key instanceof String name && keys.contains(name)))
                .forEach(key -> error(String.valueOf(key), "unknown key"));
    }

    @Nullable PolicySection section(String key, boolean required) {
        if (!has(key)) {
            requireIf(required, key);
            return null;
        }
        return of(pathOf(key), values.get(key), errors);
    }

    boolean flag(String key, boolean fallback) {
        Object value = values.get(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        error(key, "must be true or false");
        return fallback;
    }

    /** An integer in [min, max]; absent means {@code fallback}, or an error when that is null. */
    int integer(String key, int min, int max, @Nullable Integer fallback) {
        Object value = values.get(key);
        if (value == null) {
            requireIf(fallback == null, key);
            return fallback == null ? min : fallback;
        }
        if (!(value instanceof Integer number) || number < min) {
            error(key, min > 0 ? "must be a positive integer" : "must be a non-negative integer");
            return min;
        }
        if (number > max) {
            error(key, "must be at most " + max);
            return max;
        }
        return number;
    }

    @Nullable String text(String key, Predicate<String> valid, String message) {
        Object value = values.get(key);
        if (value == null) {
            error(key, "is required");
            return null;
        }
        if (value instanceof String text && valid.test(text)) {
            return text;
        }
        error(key, message);
        return null;
    }

    /** A list of distinct strings, each valid; absent means empty (or an error when required). */
    Set<String> strings(String key, Predicate<String> valid, String message, boolean required) {
        return distinct(key, valid, message, required, UnaryOperator.identity());
    }

    /** A list of distinct Workspace UUIDs, lower-cased so that comparisons ignore case. */
    Set<String> uuids(String key) {
        return distinct(key, Ids::isUuid, Ids.UUID_MESSAGE, false, id -> id.toLowerCase(Locale.ROOT));
    }

    private Set<String> distinct(String key, Predicate<String> valid, String message, boolean required,
            UnaryOperator<String> normalize) {
        Set<String> result = new LinkedHashSet<>();
        List<?> items = list(key, required);
        for (int i = 0; i < items.size(); i++) {
            String at = pathOf(key) + "[" + i + "]: ";
            if (!(items.get(i) instanceof String item) || !valid.test(item)) {
                errors.add(at + message);
            } else if (!result.add(normalize.apply(item))) {
                errors.add(at + "duplicates an earlier entry");
            }
        }
        return Collections.unmodifiableSet(result);
    }

    List<@Nullable PolicySection> sections(String key) {
        List<@Nullable PolicySection> result = new ArrayList<>();
        List<?> items = list(key, false);
        for (int i = 0; i < items.size(); i++) {
            result.add(of(pathOf(key) + "[" + i + "]", items.get(i), errors));
        }
        return result;
    }

    private List<?> list(String key, boolean required) {
        Object value = values.get(key);
        if (value == null) {
            requireIf(required, key);
            return List.of();
        }
        if (value instanceof List<?> items) {
            return items;
        }
        error(key, "must be a list, e.g. [a, b] (use [] for none)");
        return List.of();
    }

    private void requireIf(boolean required, String key) {
        if (required) {
            error(key, "is required");
        }
    }
}
