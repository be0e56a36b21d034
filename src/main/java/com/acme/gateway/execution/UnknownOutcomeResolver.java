package com.acme.gateway.execution;

import com.acme.gateway.audit.AuditEntry;
import com.acme.gateway.audit.AuditUnavailableException;
import com.acme.gateway.audit.UnknownOutcomeLog;
import com.acme.gateway.execution.TaskMatch.Window;
import com.acme.gateway.execution.TaskMatch.Work;
import com.acme.gateway.idempotency.IdempotencyStore;
import com.acme.gateway.idempotency.IdempotencyUnavailableException;
import com.acme.gateway.workspace.TaskQuery;
import com.acme.gateway.workspace.UpstreamException;
import com.acme.gateway.workspace.UpstreamTask;
import com.acme.gateway.workspace.WorkspaceClient;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Finds out what became of requests whose outcome is unknown, by looking for their task in the
 * upstream's task list. A row is resolved only when exactly one task matches it (see
 * {@link TaskMatch}), no audit row names that task yet, and no other unresolved request could have
 * started it; anything less stays unknown and is tried again next round, until
 * {@code give-up-after}. Safe on several replicas: every write is conditional and idempotent.
 */
@Component
class UnknownOutcomeResolver {

    private static final Logger log = LoggerFactory.getLogger(UnknownOutcomeResolver.class);
    /** The most the task list returns at once; a full page may hide candidates, so it resolves nothing. */
    private static final int PAGE = 100;

    private final UnknownOutcomeLog unknown;
    private final IdempotencyStore keys;
    private final WorkspaceClient workspace;
    private final AnswerFormat format;
    private final ExecutionMetrics metrics;
    private final ResolverSettings settings;
    private final Clock clock;

    UnknownOutcomeResolver(UnknownOutcomeLog unknown, IdempotencyStore keys, WorkspaceClient workspace, AnswerFormat format,
            ExecutionMetrics metrics, ResolverSettings settings, Clock clock) {
        this.unknown = unknown;
        this.keys = keys;
        this.workspace = workspace;
        this.format = format;
        this.metrics = metrics;
        this.settings = settings;
        this.clock = clock;
    }

    /** One round: pending rows left behind become unknown, unknown rows are looked up, old ones given up. */
    void resolveOnce() {
        Instant now = clock.instant();
        count("abandoned", unknown.expirePending(now.minus(keys.inFlightTimeout()), now));
        try {
            unknown.findUnresolved(now, settings.batchSize()).forEach(this::resolve);
        } catch (UpstreamException e) {
            log.warn("Task list unavailable ({}); unknown outcomes wait for the next round", e.failure());
        }
        int gaveUp = unknown.giveUp(now.minus(settings.giveUpAfter()), now);
        if (gaveUp > 0) {
            log.warn("Gave up resolving {} unknown outcomes older than {}; they stay unknown", gaveUp,
                    settings.giveUpAfter());
        }
        count("gave_up", gaveUp);
    }

    /** The scheduled form: a failed round is logged and the next one runs as planned. */
    void resolveSafely() {
        try {
            resolveOnce();
        } catch (AuditUnavailableException | IdempotencyUnavailableException e) {
            log.warn("Could not resolve unknown outcomes; next try in {}", settings.interval(), e);
        }
    }

    private void resolve(AuditEntry row) {
        UpstreamTask task = onlyCandidate(row);
        if (task == null) {
            return;
        }
        if (row.idempotencyKey() != null && row.team() != null) {
            // before attaching: if this replica stops in between, the row is still unresolved and is done again
            keys.replaceAnswer(row.team(), row.idempotencyKey(), row.id(), format.render(new ExecutionResult.Accepted(
                    task.id(), Math.max(1, row.attempts()), new ExecutionAccepted(task.id(), row.id(),
                            Objects.requireNonNull(row.poolId()), row.team()))));
        }
        if (unknown.attachTaskId(row.id(), task.id())) {
            count("resolved", 1);
            log.info("Unknown outcome of execution {} resolved: it started task {}", row.id(), task.id());
        }
    }

    private @Nullable UpstreamTask onlyCandidate(AuditEntry row) {
        if (row.poolId() == null) {
            return null;
        }
        Window window = Window.around(row, settings.matchWindow());
        List<UpstreamTask> tasks;
        try {
            tasks = workspace.findTasks(new TaskQuery(row.poolId(), null,
                    row.scriptIds().isEmpty() ? null : row.scriptIds().getFirst(), window.from(), window.to(), PAGE));
        } catch (IllegalArgumentException e) {
            return null; // ids that are not UUIDs never reach the upstream
        }
        Map<String, UpstreamTask> candidates = new LinkedHashMap<>();
        tasks.stream().filter(task -> TaskMatch.matches(row, task, window))
                .forEach(task -> candidates.putIfAbsent(task.id(), task));
        candidates.keySet().removeIf(unknown::isTaskRecorded);
        if (tasks.size() >= PAGE || candidates.size() != 1) {
            return null;
        }
        UpstreamTask only = candidates.values().iterator().next();
        return hasRival(row, only) ? null : only;
    }

    /** Another request without a task that asked for the same work at a time that fits the task's start. */
    private boolean hasRival(AuditEntry row, UpstreamTask task) {
        Window created = Window.before(Objects.requireNonNull(TaskMatch.startTime(task.startTime())), settings.matchWindow());
        Work work = Work.of(row);
        List<AuditEntry> others = unknown.findWithoutTask(Objects.requireNonNull(row.poolId()), created.from(),
                created.to(), PAGE);
        return others.size() >= PAGE
                || others.stream().anyMatch(other -> !other.id().equals(row.id()) && Work.of(other).equals(work));
    }

    private void count(String result, int count) {
        if (count > 0) {
            metrics.unknownOutcomes(result, count);
        }
    }
}
