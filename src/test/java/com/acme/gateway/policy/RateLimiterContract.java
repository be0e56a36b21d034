package com.acme.gateway.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.gateway.MutableClock;
import com.acme.gateway.policy.TeamPolicy.Commands;
import com.acme.gateway.policy.TeamPolicy.RateLimit;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the team rate limit guarantees, wherever its buckets live (the subclass decides). */
abstract class RateLimiterContract {

    final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    /** Bucket names are unique per test: the shared buckets outlive a test in the same database. */
    final String suffix = "-" + UUID.randomUUID();
    RateLimiter limiter;

    abstract RateLimiter newLimiter(MutableClock clock);

    @BeforeEach
    void createLimiter() {
        limiter = newLimiter(clock);
    }

    @Test
    void allowsABurstOfTheConfiguredSizeThenAsksToWait() {
        TeamPolicy team = team("payments", 3, Duration.ofMinutes(1));

        assertThat(IntStream.range(0, 3).mapToObj(i -> limiter.tryAcquire(team))).allMatch(Optional::isEmpty);
        assertThat(limiter.tryAcquire(team)).contains(Duration.ofSeconds(20));
    }

    @Test
    void fortyConcurrentFirstRequestsOfATeamTakeExactlyItsBurst() throws Exception {
        TeamPolicy team = team("payments", 10, Duration.ofMinutes(1));

        List<Optional<Duration>> waits = concurrently(40, () -> limiter.tryAcquire(team));

        assertThat(waits).filteredOn(Optional::isEmpty).hasSize(10);
    }

    @Test
    void refillsOnePermitPerIntervalAsTimePasses() {
        TeamPolicy team = team("payments", 3, Duration.ofMinutes(1));
        IntStream.range(0, 3).forEach(i -> limiter.tryAcquire(team));

        clock.advance(Duration.ofSeconds(19));
        assertThat(limiter.tryAcquire(team)).contains(Duration.ofSeconds(1));
        clock.advance(Duration.ofSeconds(1));
        assertThat(limiter.tryAcquire(team)).isEmpty();
        assertThat(limiter.tryAcquire(team)).contains(Duration.ofSeconds(20));
    }

    @Test
    void roundsTheWaitUpToWholeSecondsAndAtLeastOne() {
        TeamPolicy team = team("payments", 1, Duration.ofSeconds(10));
        TeamPolicy other = team("platform-ops", 1, Duration.ofSeconds(10));
        limiter.tryAcquire(team);

        clock.advance(Duration.ofMillis(9_999));
        limiter.tryAcquire(other);
        assertThat(limiter.tryAcquire(team)).contains(Duration.ofSeconds(1));
        clock.advance(Duration.ofMillis(1_500));
        assertThat(limiter.tryAcquire(other)).contains(Duration.ofSeconds(9));
    }

    @Test
    void limitsEachTeamSeparately() {
        TeamPolicy payments = team("payments", 1, Duration.ofMinutes(1));
        TeamPolicy ops = team("platform-ops", 1, Duration.ofMinutes(1));

        assertThat(limiter.tryAcquire(payments)).isEmpty();
        assertThat(limiter.tryAcquire(payments)).isPresent();
        assertThat(limiter.tryAcquire(ops)).isEmpty();
    }

    @Test
    void aRaisedLimitAppliesAtOnceAndKeepsCountingThePermitsAlreadyUsed() {
        TeamPolicy before = team("payments", 2, Duration.ofMinutes(1));
        IntStream.range(0, 2).forEach(i -> limiter.tryAcquire(before));
        assertThat(limiter.tryAcquire(before)).contains(Duration.ofSeconds(30));

        TeamPolicy raised = team("payments", 3, Duration.ofSeconds(30));
        assertThat(limiter.tryAcquire(raised)).isEmpty();
        assertThat(limiter.tryAcquire(raised)).contains(Duration.ofSeconds(10));
    }

    @Test
    void aLoweredLimitAppliesAtOnceCappingThePermitsLeftAtTheNewSize() {
        TeamPolicy before = team("payments", 10, Duration.ofMinutes(1));
        limiter.tryAcquire(before);

        TeamPolicy lowered = team("payments", 1, Duration.ofHours(1));
        assertThat(limiter.tryAcquire(lowered)).isEmpty();
        assertThat(limiter.tryAcquire(lowered)).contains(Duration.ofHours(1));
        clock.advance(Duration.ofHours(1));
        assertThat(limiter.tryAcquire(lowered)).isEmpty();
    }

    /** The figures in the README's "cost of the global limit". */
    @Test
    void costsLittlePerRequest() {
        TeamPolicy team = team("payments", 1_000_000, Duration.ofMinutes(1));
        IntStream.range(0, 200).forEach(i -> limiter.tryAcquire(team));

        int requests = 1000;
        long started = System.nanoTime();
        IntStream.range(0, requests).forEach(i -> limiter.tryAcquire(team));
        double micros = (System.nanoTime() - started) / 1_000.0 / requests;

        System.out.printf("%s: %d us per tryAcquire (mean of %d)%n", getClass().getSimpleName(), Math.round(micros), requests);
        assertThat(micros).isLessThan(20_000);
    }

    /** What {@code callers} threads, released at once, got from {@code call}. */
    static <T> List<T> concurrently(int callers, Callable<T> call) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<T>> answers = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(callers)) {
            for (int i = 0; i < callers; i++) {
                answers.add(threads.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
        }
        List<T> results = new ArrayList<>();
        for (Future<T> answer : answers) {
            results.add(answer.get());
        }
        return results;
    }

    TeamPolicy team(String name, int requests, Duration per) {
        return new TeamPolicy(name + suffix, List.of(), Set.of(), Set.of(), Set.of(), Set.of(), new Commands(false, Set.of(), 0),
                Set.of(), false, 1, 0, TeamPolicy.DEFAULT_CANARY_MAX_PERCENT, 1, new RateLimit(requests, per), false);
    }
}
