package com.acme.gateway.execution;

import com.acme.gateway.execution.PoolRolloutTable.Rollout;
import com.acme.gateway.lifecycle.Outcome;
import com.acme.gateway.policy.PolicyStore;
import com.acme.gateway.request.Ids;
import com.acme.gateway.workspace.TaskQuery;
import com.acme.gateway.workspace.UpstreamException;
import com.acme.gateway.workspace.UpstreamTask;
import com.acme.gateway.workspace.WorkspaceClient;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * The policy's {@code pool-concurrency}: before a request is sent, it claims one of the pool's
 * slots in the shared store, so that across replicas at most that many rollouts started through
 * the gateway run on a pool. A slot is freed when its task is seen finished, when the call proved
 * nothing ran, or when its status could not be read for {@code unreadable-after} (logged).
 */
@Component
class PoolRollouts {

    private static final Logger log = LoggerFactory.getLogger(PoolRollouts.class);
    private static final Set<String> RUNNING = Set.of("INIT", "RUNNING", "WAITING");
    private static final Set<String> FINISHED = Set.of("FINISH", "FAILED", "SUCCESS");

    /** Who holds the pool: its task (null while it is being submitted) and when the gateway started it. */
    record Holder(@Nullable String taskId, Instant startedAt) {
    }

    private record CachedStatus(@Nullable String status, Instant readAt) {
    }

    private final PolicyStore policies;
    private final PoolRolloutTable table;
    private final WorkspaceClient workspace;
    private final PoolRolloutSettings settings;
    private final Clock clock;
    private final Map<String, CachedStatus> statuses = new ConcurrentHashMap<>();

    PoolRollouts(PolicyStore policies, PoolRolloutTable table, WorkspaceClient workspace, PoolRolloutSettings settings,
            Clock clock) {
        this.policies = policies;
        this.table = table;
        this.workspace = workspace;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Claims a slot of the pool for the request with this audit row; empty when claimed (or the policy
     * sets no limit), else the oldest rollout that holds the pool.
     *
     * @throws DataAccessException when the shared store cannot be used: nothing may be sent
     */
    Optional<Holder> claim(UUID auditId, String team, String poolId) {
        Integer limit = policies.current().poolConcurrency();
        if (limit == null) {
            return Optional.empty();
        }
        String pool = poolId.toLowerCase(Locale.ROOT);
        for (int round = 0; round < 2; round++) {
            List<Rollout> live = table.onPool(pool).stream().filter(this::stillRunning).toList();
            if (live.size() >= limit) {
                return Optional.of(holder(live.getFirst()));
            }
            Set<Integer> taken = new HashSet<>(live.stream().map(Rollout::slot).toList());
            for (int slot = 1; slot <= limit; slot++) {
                if (!taken.contains(slot) && table.claim(pool, slot, auditId, team, clock.instant())) {
                    return Optional.empty();
                }
            }
        }
        List<Rollout> holders = table.onPool(pool);
        return Optional.of(holders.isEmpty() ? new Holder(null, clock.instant()) : holder(holders.getFirst()));
    }

    /** After the upstream call: a request that proved nothing ran frees its slot at once. */
    void settle(UUID auditId, Outcome outcome) {
        if (outcome == Outcome.SUBMITTED || outcome == Outcome.UNKNOWN || policies.current().poolConcurrency() == null) {
            return;
        }
        try {
            table.release(auditId);
        } catch (DataAccessException e) {
            log.warn("Could not free the pool slot of request {} after outcome {}; it is freed when next checked",
                    auditId, outcome.value(), e);
        }
    }

    /** Frees the slot of a rollout that is over, or whose status stayed unreadable too long. */
    private boolean stillRunning(Rollout rollout) {
        boolean running = switch (rollout.outcome() == null ? "gone" : rollout.outcome()) {
            case "pending" -> true;
            case "submitted", "unknown" -> rollout.taskId() == null ? unreadable(rollout, "its outcome is unknown")
                    : taskRunning(rollout);
            default -> false;
        };
        if (!running) {
            table.release(rollout.auditId());
        }
        return running;
    }

    private boolean taskRunning(Rollout rollout) {
        String taskId = rollout.taskId();
        if (taskId == null || !Ids.isTaskId(taskId)) {
            return unreadable(rollout, "it has no task id that can be looked up");
        }
        String status = status(rollout.poolId(), taskId);
        if (status != null && FINISHED.contains(status)) {
            return false;
        }
        if (status != null && RUNNING.contains(status)) {
            table.seenRunning(rollout.auditId(), clock.instant());
            return true;
        }
        return unreadable(rollout, status == null ? "the Workspace API does not report its status" : "status " + status);
    }

    private boolean unreadable(Rollout rollout, String why) {
        if (clock.instant().isBefore(rollout.statusSeenAt().plus(settings.unreadableAfter()))) {
            return true;
        }
        log.atWarn().addKeyValue("pool_id", rollout.poolId()).addKeyValue("task_id", rollout.taskId())
                .addKeyValue("execution_id", rollout.auditId())
                .log("Rollout {} (task {}) on pool {} no longer blocks the pool: {} since {} "
                        + "(gateway.pool-rollouts.unreadable-after)", rollout.auditId(), rollout.taskId(),
                        rollout.poolId(), why, rollout.statusSeenAt());
        return false;
    }

    /** The task's upstream status, reused for {@code status-cache}; null when it cannot be read. */
    private @Nullable String status(String poolId, String taskId) {
        Instant now = clock.instant();
        CachedStatus cached = statuses.get(taskId);
        if (cached != null && now.isBefore(cached.readAt().plus(settings.statusCache()))) {
            return cached.status();
        }
        statuses.values().removeIf(entry -> !now.isBefore(entry.readAt().plus(settings.statusCache())));
        String status;
        try {
            status = workspace.findTasks(TaskQuery.task(poolId, taskId)).stream()
                    .filter(task -> task.id().equalsIgnoreCase(taskId)).findFirst()
                    .map(UpstreamTask::status).map(s -> s.toUpperCase(Locale.ROOT)).orElse(null);
        } catch (UpstreamException e) {
            log.info("Status of task {} on pool {} could not be read: {} (status {})", taskId, poolId, e.failure(),
                    e.status());
            return null;
        }
        statuses.put(taskId, new CachedStatus(status, now));
        return status;
    }

    private static Holder holder(Rollout rollout) {
        return new Holder(rollout.taskId(), rollout.claimedAt());
    }
}
