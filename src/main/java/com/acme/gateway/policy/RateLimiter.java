package com.acme.gateway.policy;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.BucketExceptions.BucketExecutionException;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Per-team rate limit: a Bucket4j token bucket per team holding {@code requests} permits, refilled
 * one by one over {@code per}, so a team may send a burst of {@code requests}, then one every
 * {@code per/requests}. Where the buckets live is {@link TeamBuckets}' business: in the shared
 * database on PostgreSQL (one limit for all replicas), in memory on the embedded H2 (one replica).
 * The limit is read from the team on every call, so a reloaded policy applies at once.
 */
@Component
public class RateLimiter {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final TeamBuckets buckets;

    RateLimiter(TeamBuckets buckets) {
        this.buckets = buckets;
    }

    /**
     * Takes a permit for the team. Empty when the request may proceed; otherwise how long to wait
     * for the next permit, rounded up to whole seconds and at least one (ready for Retry-After).
     *
     * @throws RateLimitUnavailableException when the shared buckets cannot be read or written
     */
    public Optional<Duration> tryAcquire(TeamPolicy team) {
        ConsumptionProbe probe;
        try {
            probe = buckets.tryConsume(team.name(), team.rateLimit());
        } catch (BucketExecutionException e) {
            throw new RateLimitUnavailableException("rate-limit store unavailable", e);
        }
        if (probe.isConsumed()) {
            return Optional.empty();
        }
        long seconds = Math.max(1, Math.ceilDiv(probe.getNanosToWaitForRefill(), NANOS_PER_SECOND));
        return Optional.of(Duration.ofSeconds(seconds));
    }

    static Bandwidth bandwidth(TeamPolicy.RateLimit limit) {
        return Bandwidth.builder().capacity(limit.requests()).refillGreedy(limit.requests(), limit.per()).build();
    }

    static BucketConfiguration configuration(TeamPolicy.RateLimit limit) {
        return BucketConfiguration.builder().addLimit(bandwidth(limit)).build();
    }
}
