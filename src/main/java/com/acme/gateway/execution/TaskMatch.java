package com.acme.gateway.execution;

import com.acme.gateway.audit.AuditEntry;
import com.acme.gateway.workspace.UpstreamTask;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Whether a task in the upstream's task list can be the one an audited request started: the same
 * pool, the same set of scripts, the same command (type and SHA-256 of its text), and a start time
 * from {@link #SKEW} before the request to {@code window} after it.
 */
final class TaskMatch {

    /** Clocks of the gateway and the upstream may disagree by this much. */
    static final Duration SKEW = Duration.ofMinutes(1);

    private TaskMatch() {
    }

    /** What was asked to run where: equal for a request and the task it started. */
    record Work(String poolId, Set<String> scriptIds, @Nullable String commandType, @Nullable String commandSha256) {

        static Work of(AuditEntry row) {
            return new Work(String.valueOf(row.poolId()), Set.copyOf(row.scriptIds()), upper(row.commandType()),
                    row.commandSha256());
        }

        /** A task without a pool id is taken to be in the pool the list was asked for. */
        static Work of(UpstreamTask task, String queriedPool) {
            return new Work(task.poolId() == null ? queriedPool : task.poolId(), Set.copyOf(task.scriptIds()),
                    upper(task.commandType()), task.commandSha256());
        }

        private static @Nullable String upper(@Nullable String text) {
            return text == null ? null : text.toUpperCase(Locale.ROOT);
        }
    }

    /** Start times the task of {@code row} can have. */
    record Window(Instant from, Instant to) {

        static Window around(AuditEntry row, Duration window) {
            return new Window(row.createdAt().minus(SKEW), row.createdAt().plus(window));
        }

        /** Creation times of requests that can have started a task at {@code start}. */
        static Window before(Instant start, Duration window) {
            return new Window(start.minus(window), start.plus(SKEW));
        }

        boolean contains(Instant instant) {
            return !instant.isBefore(from) && !instant.isAfter(to);
        }
    }

    static boolean matches(AuditEntry row, UpstreamTask task, Window window) {
        Instant start = startTime(task.startTime());
        return start != null && window.contains(start) && Work.of(row).equals(Work.of(task, String.valueOf(row.poolId())));
    }

    /**
     * The upstream's start times are plain strings: {@code 2026-06-01T10:00:00Z}, with an offset
     * ({@code +08:00} or {@code +0800}), or {@code 2026-06-01 10:00:00} (UTC, as other Workspace APIs
     * answer); fractions of a second are allowed. Anything else is null.
     */
    static @Nullable Instant startTime(@Nullable String text) {
        if (text == null) {
            return null;
        }
        try {
            String iso = OFFSET_WITHOUT_COLON.matcher(text.strip()).replaceFirst("$1:$2");
            TemporalAccessor parsed = START_TIME.parseBest(iso, OffsetDateTime::from, LocalDateTime::from);
            return parsed instanceof OffsetDateTime withOffset ? withOffset.toInstant()
                    : ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static final Pattern OFFSET_WITHOUT_COLON = Pattern.compile("([+-]\\d{2})(\\d{2})$");
    private static final DateTimeFormatter START_TIME = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .append(DateTimeFormatter.ISO_LOCAL_TIME)
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .toFormatter(Locale.ROOT);
}
