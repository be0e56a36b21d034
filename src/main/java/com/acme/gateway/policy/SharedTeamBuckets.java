package com.acme.gateway.policy;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.TokensInheritanceStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Buckets in the shared database, one row per team in {@code rate_limit_buckets}, so the limit
 * holds across every replica. Each replica tags the limit it knows with a configuration version:
 * the time it first saw that limit (and higher than any version it used before). Bucket4j replaces
 * the stored configuration when a request carries a higher version than the stored one, so the
 * newest policy change wins and replicas that have not reloaded yet use the stored, newer limit.
 */
final class SharedTeamBuckets implements TeamBuckets {

    private record Known(TeamPolicy.RateLimit limit, long version) {
    }

    private final ProxyManager<String> store;
    private final ClockTimeMeter time;
    private final ConcurrentMap<String, Known> known = new ConcurrentHashMap<>();

    SharedTeamBuckets(ProxyManager<String> store, ClockTimeMeter time) {
        this.store = store;
        this.time = time;
    }

    @Override
    public Bucket forTeam(String team, TeamPolicy.RateLimit limit) {
        Known current = known.compute(team, (name, seen) -> seen != null && seen.limit().equals(limit) ? seen
                : new Known(limit, Math.max(time.currentTimeMillis(), seen == null ? 0 : seen.version() + 1)));
        return store.builder()
                .withImplicitConfigurationReplacement(current.version(), TokensInheritanceStrategy.ADDITIVE)
                .build(team, () -> RateLimiter.configuration(limit));
    }
}
