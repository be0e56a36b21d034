package com.acme.gateway.workspace;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Task status as callers poll it: each task is asked upstream at most once per {@link #UNFINISHED}
 * (once per {@link #FINISHED} when it has ended, as a finished task no longer changes), however
 * many callers poll. Concurrent polls of one task share one upstream read; failures are not cached.
 * The unknown-outcome resolver reads the upstream directly, never through this cache.
 */
@Component
public class TaskStatusCache {

    static final Duration UNFINISHED = Duration.ofSeconds(3);
    static final Duration FINISHED = Duration.ofMinutes(1);
    private static final Set<String> END_STATES = Set.of("FINISH", "FAILED");
    private static final long MAX_ENTRIES = 10_000;

    private final WorkspaceClient workspace;
    private final Cache<Key, Optional<UpstreamTask>> cache;

    TaskStatusCache(WorkspaceClient workspace, Clock clock) {
        this.workspace = workspace;
        this.cache = Caffeine.newBuilder()
                .maximumSize(MAX_ENTRIES)
                .ticker(() -> Duration.between(Instant.EPOCH, clock.instant()).toNanos())
                .expireAfter(Expiry.creating((Key key, Optional<UpstreamTask> task) ->
                        task.map(TaskStatusCache::finished).orElse(false) ? FINISHED : UNFINISHED))
                .build();
    }

    /** The task as the upstream lists it, or empty when it does not (yet); throws {@link UpstreamException}. */
    public Optional<UpstreamTask> task(String poolId, String taskId) {
        return cache.get(new Key(poolId, taskId), key -> workspace.findTasks(TaskQuery.task(poolId, taskId)).stream()
                .filter(task -> task.id().equalsIgnoreCase(taskId))
                .findFirst());
    }

    private static boolean finished(UpstreamTask task) {
        return task.status() != null && END_STATES.contains(task.status());
    }

    private record Key(String poolId, String taskId) {
    }
}
