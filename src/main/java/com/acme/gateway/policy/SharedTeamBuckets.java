package com.acme.gateway.policy;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TokensInheritanceStrategy;
import io.github.bucket4j.distributed.proxy.BucketNotFoundException;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.distributed.proxy.RemoteBucketBuilder;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import io.github.bucket4j.util.concurrent.batch.BatchHelper.BatchFailedException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

/**
 * Buckets in the shared database, one row per team in {@code rate_limit_buckets}, so the limit
 * holds across every replica. Each replica tags the limit it knows with a configuration version:
 * the time it first saw that limit (and higher than any version it used before). Bucket4j replaces
 * the stored configuration when a request carries a higher version than the stored one, so the
 * newest policy change wins and replicas that have not reloaded yet use the stored, newer limit.
 * Concurrent requests of a replica go to the database together (Bucket4j's batching: one
 * transaction takes the permits of all the requests that queued behind the one before, each
 * counted as before). In Bucket4j 8.14 a batch that meets a bucket whose row does not exist fails
 * with {@link BucketNotFoundException} instead of creating it (wrapped for the requests that waited
 * for it), so those requests are taken again by the bucket without batching, which creates the row.
 */
final class SharedTeamBuckets implements TeamBuckets {

    /** A team's limit as this replica knows it, and its bucket with and without batching. */
    private record Known(TeamPolicy.RateLimit limit, long version, Bucket batched, Bucket plain) {
    }

    private final ProxyManager<String> store;
    private final ClockTimeMeter time;
    private final ConcurrentMap<String, Known> known = new ConcurrentHashMap<>();

    SharedTeamBuckets(ProxyManager<String> store, ClockTimeMeter time) {
        this.store = store;
        this.time = time;
    }

    @Override
    public ConsumptionProbe tryConsume(String team, TeamPolicy.RateLimit limit) {
        Known current = known.compute(team, (name, seen) -> seen != null && seen.limit().equals(limit) ? seen
                : known(team, limit, Math.max(time.currentTimeMillis(), seen == null ? 0 : seen.version() + 1)));
        try {
            return current.batched().tryConsumeAndReturnRemaining(1);
        } catch (BucketNotFoundException | BatchFailedException e) {
            // a request that waited for another's batch gets that batch's failure wrapped
            Throwable failure = e instanceof BatchFailedException ? e.getCause() : e;
            if (!(failure instanceof BucketNotFoundException)) {
                throw failure instanceof RuntimeException unwrapped ? unwrapped : e;
            }
            return current.plain().tryConsumeAndReturnRemaining(1);
        }
    }

    private Known known(String team, TeamPolicy.RateLimit limit, long version) {
        Supplier<BucketConfiguration> configuration = () -> RateLimiter.configuration(limit);
        return new Known(limit, version,
                builder(version).withOptimization(Optimizations.batching()).build(team, configuration),
                builder(version).build(team, configuration));
    }

    private RemoteBucketBuilder<String> builder(long version) {
        return store.builder().withImplicitConfigurationReplacement(version, TokensInheritanceStrategy.ADDITIVE);
    }
}
