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
 * No batching optimization: in Bucket4j 8.14 a batch that meets a bucket whose row does not exist
 * yet fails with {@code BucketNotFoundException} instead of creating it (seen with 40 concurrent
 * first requests of a team).
 */
final class SharedTeamBuckets implements TeamBuckets {

    private record Known(TeamPolicy.RateLimit limit, long version, Bucket bucket) {
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
        return known.compute(team, (name, seen) -> seen != null && seen.limit().equals(limit) ? seen
                : known(team, limit, Math.max(time.currentTimeMillis(), seen == null ? 0 : seen.version() + 1))).bucket();
    }

    private Known known(String team, TeamPolicy.RateLimit limit, long version) {
        Bucket bucket = store.builder()
                .withImplicitConfigurationReplacement(version, TokensInheritanceStrategy.ADDITIVE)
                .build(team, () -> RateLimiter.configuration(limit));
        return new Known(limit, version, bucket);
    }
}
