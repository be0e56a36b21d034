package com.acme.gateway.policy;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TokensInheritanceStrategy;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Buckets in this JVM's memory: exact for a single replica (the embedded H2 file can be opened by
 * one process only) and free of database round trips. A changed limit replaces the bucket's
 * configuration keeping the permits already used ({@link TokensInheritanceStrategy#ADDITIVE}).
 */
final class LocalTeamBuckets implements TeamBuckets {

    private record Entry(TeamPolicy.RateLimit limit, Bucket bucket) {
    }

    private final ClockTimeMeter time;
    private final ConcurrentMap<String, Entry> buckets = new ConcurrentHashMap<>();

    LocalTeamBuckets(ClockTimeMeter time) {
        this.time = time;
    }

    @Override
    public ConsumptionProbe tryConsume(String team, TeamPolicy.RateLimit limit) {
        return bucket(team, limit).tryConsumeAndReturnRemaining(1);
    }

    private Bucket bucket(String team, TeamPolicy.RateLimit limit) {
        return buckets.compute(team, (name, entry) -> {
            if (entry == null) {
                return new Entry(limit, Bucket.builder().withCustomTimePrecision(time)
                        .addLimit(RateLimiter.bandwidth(limit)).build());
            }
            if (!entry.limit().equals(limit)) {
                entry.bucket().replaceConfiguration(RateLimiter.configuration(limit), TokensInheritanceStrategy.ADDITIVE);
                return new Entry(limit, entry.bucket());
            }
            return entry;
        }).bucket();
    }
}
