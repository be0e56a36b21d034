package com.acme.gateway.api;

import com.acme.gateway.problem.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The query of a script-execution POST: only {@code dry_run}, once, {@code true} or {@code false}.
 * A repeated or unknown parameter is refused rather than guessed at, because which of two values
 * wins decides whether scripts really run.
 */
final class SubmissionQuery {

    static final String DRY_RUN = "dry_run";
    private static final Set<String> ALLOWED = Set.of(DRY_RUN);

    private SubmissionQuery() {
    }

    /** Adds every problem of the query to {@code errors}; answers whether this is a dry run. */
    static boolean dryRun(Map<String, String[]> parameters, List<FieldError> errors) {
        List<String> names = new ArrayList<>(parameters.keySet());
        names.sort(null);
        for (String name : names) {
            if (!ALLOWED.contains(name)) {
                errors.add(FieldError.parameter(ListingQuery.clip(name), "unknown parameter; allowed: " + ALLOWED));
            }
        }
        String[] values = parameters.get(DRY_RUN);
        if (values == null) {
            return false;
        }
        if (values.length > 1) {
            errors.add(FieldError.parameter(DRY_RUN, "must be given at most once"));
            return false;
        }
        return switch (values[0]) {
            case "true" -> true;
            case "false" -> false;
            default -> {
                errors.add(FieldError.parameter(DRY_RUN, "must be true or false"));
                yield false;
            }
        };
    }
}
