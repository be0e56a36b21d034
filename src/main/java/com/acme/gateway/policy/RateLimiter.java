package com.acme.gateway.policy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * Per-team rate limit of this replica: a token bucket kept as one instant per team (the generic
 * cell rate algorithm). {@code requests} may come in a burst, then one every {@code per/requests}.
 * The limit is read from the team on every call, so a reloaded policy applies at once; the permits
 * already used carry over to the new limit.
 */
@Component
public class RateLimiter {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    /** When the team's bucket is full again (epoch nanos), and the spacing it was computed with. */
    private record Bucket(long fullAt, long spacing) {
    }

    private final Clock clock;
    private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    public RateLimiter(Clock clock) {
        this.clock = clock;
    }

    /**
     * Takes a permit for the team. Empty when the request may proceed; otherwise how long to wait
     * for the next permit, rounded up to whole seconds and at least one (ready for Retry-After).
     */
    public Optional<Duration> tryAcquire(TeamPolicy team) {
        long period = team.rateLimit().per().toNanos();
        long spacing = Math.ceilDiv(period, team.rateLimit().requests());
        long burst = period - spacing;
        long now = epochNanos(clock.instant());
        AtomicLong wait = new AtomicLong();
        buckets.compute(team.name(), (name, bucket) -> {
            long start = bucket == null ? now : Math.max(rescaled(bucket, spacing, now), now);
            if (start - now > burst) {
                wait.set(start - now - burst);
                return new Bucket(start, spacing);
            }
            return new Bucket(start + spacing, spacing);
        });
        return wait.get() == 0 ? Optional.empty()
                : Optional.of(Duration.ofSeconds(Math.max(1, Math.ceilDiv(wait.get(), NANOS_PER_SECOND))));
    }

    /** The bucket's full-again instant with the permits still in use counted at the new spacing. */
    private static long rescaled(Bucket bucket, long spacing, long now) {
        if (bucket.spacing() == spacing || bucket.fullAt() <= now) {
            return bucket.fullAt();
        }
        double permitsInUse = (double) (bucket.fullAt() - now) / bucket.spacing();
        return now + (long) Math.ceil(permitsInUse * spacing);
    }

    private static long epochNanos(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), NANOS_PER_SECOND), instant.getNano());
    }
}
