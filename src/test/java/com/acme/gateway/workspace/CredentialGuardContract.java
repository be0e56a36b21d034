package com.acme.gateway.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.acme.gateway.MutableClock;
import com.acme.gateway.database.DatabaseOutage;
import com.acme.gateway.database.JdbcSliceOnH2;
import com.acme.gateway.workspace.CredentialGuard.Permit;
import com.acme.gateway.workspace.ResilienceProperties.LockoutSettings;
import com.acme.gateway.workspace.UpstreamException.Failure;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What {@link CredentialGuard} guarantees through its store, on whichever database the subclass
 * selects. Two guards on one table stand for two replicas on PostgreSQL (leases shared through
 * the database), and for two callers of the one replica the embedded H2 serves (leases in memory).
 */
@JdbcSliceOnH2
@Import(DatabaseOutage.class)
abstract class CredentialGuardContract {

    static final Duration PAUSE = Duration.ofMinutes(6);
    static final Duration PROBE_LEASE = Duration.ofSeconds(20);
    static final int MAX_IN_FLIGHT = 4;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DatabaseOutage outage;

    final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    /** The access key in use: a rotation changes it under running guards. */
    final AtomicReference<String> credential = new AtomicReference<>(UUID.randomUUID().toString());
    CredentialGuardTable table;
    CredentialGuard first;
    CredentialGuard second;

    /** Whether the leases are rows shared through the database (PostgreSQL) or kept in this JVM (H2). */
    abstract boolean sharedLeases();

    @BeforeEach
    void twoReplicas() {
        table = new CredentialGuardTable(jdbc, sharedLeases());
        first = guard(meters);
        second = guard(new SimpleMeterRegistry());
    }

    @AfterEach
    void databaseBack() {
        outage.end();
    }

    @Test
    void unprovenKeyLetsOneProbeOutAcrossReplicas() {
        Permit probe = first.admit();

        assertThat(probe.probe()).isTrue();
        assertThat(locked(second).retryAfter()).isEqualTo(Duration.ofSeconds(1));
        assertThat(locked(first).failure()).isEqualTo(Failure.CREDENTIALS_LOCKED);

        first.record(probe, null);

        Permit healthy = second.admit();
        assertThat(healthy.probe()).isFalse();
        assertThat(first.admit().probe()).as("healthy: no limit of one").isFalse();
    }

    @Test
    void aFailureSinceTheLastSuccessBringsBackTheSingleProbe() {
        proven();
        Permit a = first.admit();
        Permit b = second.admit();
        assertThat(a.probe()).isFalse();

        second.record(b, answer(401));
        assertThat(locked(first).retryAfter()).as("no probe while a request sent before the 401 is out")
                .isEqualTo(Duration.ofSeconds(1));
        first.record(a, null);

        Permit probe = probe(first);
        assertThat(locked(second).retryAfter()).isEqualTo(Duration.ofSeconds(1));
        first.record(probe, null);
        assertThat(second.admit().probe()).isFalse();
    }

    @Test
    void aSuccessOfARequestSentBeforeTheLatestFailureProvesNothing() {
        Permit older = probe(first);
        clock.advance(PROBE_LEASE);
        Permit newer = probe(second);
        second.record(newer, answer(401));

        first.record(older, null);

        assertThat(probe(second)).as("still unproven").isNotNull();
    }

    @Test
    void thresholdOfConsecutive401sOnAnyReplicasPausesThemAll() {
        refuse(first);
        refuse(second);
        assertThat(meters.counter("gateway.upstream.credential.lockouts").count()).isZero();

        refuse(first);

        UpstreamException paused = locked(second);
        assertThat(paused.retryAfter()).isEqualTo(PAUSE);
        assertThat(paused.attempts()).isZero();
        assertThat(locked(first).retryAfter()).isEqualTo(PAUSE);
        assertThat(meters.counter("gateway.upstream.credential.lockouts").count()).isEqualTo(1);
        assertThat(meters.get("gateway.upstream.credential.paused").gauge().value()).isEqualTo(1);
        assertThat(second.paused()).isTrue();
    }

    @Test
    void afterThePauseOneProbeGoesOutAndA401PausesAgainAtOnce() {
        for (int i = 0; i < 3; i++) {
            refuse(i % 2 == 0 ? first : second);
        }
        clock.advance(PAUSE);

        Permit probe = second.admit();
        assertThat(probe.probe()).isTrue();
        assertThat(locked(first).retryAfter()).isEqualTo(Duration.ofSeconds(1));
        second.record(probe, answer(401));

        assertThat(locked(first).retryAfter()).isEqualTo(PAUSE);
        assertThat(meters.counter("gateway.upstream.credential.lockouts").count()).isEqualTo(1);
    }

    @Test
    void aSuccessfulProbeAfterThePauseClearsEverything() {
        for (int i = 0; i < 3; i++) {
            refuse(first);
        }
        clock.advance(PAUSE);
        Permit probe = first.admit();

        first.record(probe, null);

        assertThat(second.admit().probe()).isFalse();
        assertThat(first.paused()).isFalse();
        assertThat(meters.get("gateway.upstream.credential.paused").gauge().value()).isZero();
    }

    @Test
    void otherAnswersProveTheKeyAndFailuresWithoutAnAnswerProveNothing() {
        Permit probe = first.admit();
        first.record(probe, RetryPlannerTest.failure(Failure.TIMED_OUT, null));
        Permit next = second.admit();
        assertThat(next.probe()).as("freed, still unproven").isTrue();

        second.record(next, answer(403));

        assertThat(first.admit().probe()).isFalse();
    }

    @Test
    void probeOfAReplicaThatDiedLapsesAfterItsLease() {
        first.admit();

        clock.advance(PROBE_LEASE.minusSeconds(1));
        assertThat(locked(second).failure()).isEqualTo(Failure.CREDENTIALS_LOCKED);
        clock.advance(Duration.ofSeconds(1));

        assertThat(second.admit().probe()).isTrue();
    }

    @Test
    void probeNeverSentIsGivenBack() {
        Permit probe = first.admit();

        first.release(probe);

        assertThat(second.admit().probe()).isTrue();
    }

    @Test
    void healthyKeyLetsAtMostMaxInFlightRequestsOutAcrossReplicas() {
        proven();
        List<Permit> out = new ArrayList<>();
        for (int i = 0; i < MAX_IN_FLIGHT; i++) {
            out.add((i % 2 == 0 ? first : second).admit());
        }

        UpstreamException full = catchThrowableOfType(UpstreamException.class, second::admit);
        assertThat(full.failure()).isEqualTo(Failure.BULKHEAD_FULL);
        assertThat(full.retryAfter()).isEqualTo(Duration.ofSeconds(1));
        assertThat(full.attempts()).isZero();
        assertThat(catchThrowableOfType(UpstreamException.class, first::admit).failure()).isEqualTo(Failure.BULKHEAD_FULL);

        first.record(out.getFirst(), null);
        assertThat(second.admit().probe()).as("a place came free").isFalse();
    }

    @Test
    void twentyCallersOnTwoReplicasNeverHaveMoreThanMaxInFlightOut() throws Exception {
        proven();
        List<CredentialGuard> replicas = List.of(guard(new SimpleMeterRegistry(), MAX_IN_FLIGHT, Duration.ofSeconds(30)),
                guard(new SimpleMeterRegistry(), MAX_IN_FLIGHT, Duration.ofSeconds(30)));
        AtomicInteger out = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        AtomicInteger sent = new AtomicInteger();
        try (ExecutorService callers = Executors.newFixedThreadPool(20)) {
            List<Future<?>> done = new ArrayList<>();
            for (int caller = 0; caller < 20; caller++) {
                CredentialGuard replica = replicas.get(caller % 2);
                done.add(callers.submit(() -> {
                    for (int i = 0; i < 10; i++) {
                        Permit permit = replica.admit();
                        most.accumulateAndGet(out.incrementAndGet(), Math::max);
                        Thread.sleep(2);
                        out.decrementAndGet();
                        sent.incrementAndGet();
                        replica.record(permit, null);
                    }
                    return null;
                }));
            }
            for (Future<?> caller : done) {
                caller.get(60, TimeUnit.SECONDS);
            }
        }

        assertThat(sent).hasValue(200);
        assertThat(most).as("the cap was reached and never passed").hasValue(MAX_IN_FLIGHT);
    }

    @Test
    void aKeyGoingBadWithRequestsOutLetsNoMoreOutUntilTheyAreBack() {
        proven();
        List<Permit> out = new ArrayList<>();
        for (int i = 0; i < MAX_IN_FLIGHT; i++) {
            out.add((i % 2 == 0 ? first : second).admit());
        }

        first.record(out.get(0), answer(401));
        assertThat(locked(second).retryAfter()).as("unproven while three are still out: no probe")
                .isEqualTo(Duration.ofSeconds(1));
        second.record(out.get(1), answer(401));
        first.record(out.get(2), answer(401));

        assertThat(locked(second).retryAfter()).as("the threshold paused both").isEqualTo(PAUSE);
        second.record(out.get(3), answer(401));
        assertThat(locked(first).retryAfter()).isEqualTo(PAUSE);
        assertThat(meters.counter("gateway.upstream.credential.lockouts").count()).isEqualTo(1);
    }

    @Test
    void aRequestWaitsForAPlaceUpToTheWait() throws Exception {
        proven();
        CredentialGuard waiting = guard(new SimpleMeterRegistry(), MAX_IN_FLIGHT, Duration.ofSeconds(5));
        Permit out = first.admit();
        for (int i = 1; i < MAX_IN_FLIGHT; i++) {
            first.admit();
        }
        try (ExecutorService executor = Executors.newSingleThreadExecutor()) {
            Future<Permit> next = executor.submit(waiting::admit);
            Thread.sleep(200);
            assertThat(next).as("all places taken: it waits").isNotDone();

            first.record(out, null);

            assertThat(next.get(5, TimeUnit.SECONDS).probe()).isFalse();
        }
    }

    @Test
    void leaseOfAReplicaThatDiedLapses() {
        proven();
        for (int i = 0; i < MAX_IN_FLIGHT; i++) {
            first.admit();
        }
        assertThat(catchThrowableOfType(UpstreamException.class, second::admit).failure()).isEqualTo(Failure.BULKHEAD_FULL);

        clock.advance(PROBE_LEASE);

        Permit next = second.admit();
        assertThat(next.probe()).isFalse();
        second.record(next, null);
    }

    @Test
    void storeDownSendsNothing() {
        proven();
        outage.start();

        UpstreamException down = locked(first);

        assertThat(down.retryAfter()).isEqualTo(Duration.ofSeconds(5));
        assertThat(down.attempts()).isZero();
        outage.end();
        assertThat(first.admit().probe()).isFalse();
    }

    @Test
    void aRotatedKeyIsNotHeldBackByThePauseOfTheOldOne() {
        for (int i = 0; i < 3; i++) {
            refuse(first);
        }
        String oldKey = credential.getAndSet(UUID.randomUUID().toString());

        Permit newKeyProbe = first.admit();
        assertThat(newKeyProbe.probe()).as("the new key starts unproven: a probe first").isTrue();
        assertThat(locked(second).retryAfter()).as("one probe at a time for the new key too").isEqualTo(Duration.ofSeconds(1));
        first.record(newKeyProbe, null);
        assertThat(second.admit().probe()).as("the new key is proven").isFalse();

        credential.set(oldKey);
        assertThat(locked(first).retryAfter()).as("the old key stays paused").isEqualTo(PAUSE);
    }

    @Test
    void theRowNamesTheKeyOnlyByItsHash() {
        String accessKey = "HPUAEXAMPLEACCESSKEY1";

        String id = new AccessKeys(accessKey, "secret", null).credentialId();

        assertThat(id).hasSize(64).doesNotContain(accessKey)
                .isEqualTo(new AccessKeys(accessKey, "other secret", null).credentialId());
    }

    private CredentialGuard guard(MeterRegistry registry) {
        return guard(registry, MAX_IN_FLIGHT, Duration.ZERO);
    }

    private CredentialGuard guard(MeterRegistry registry, int maxInFlight, Duration inFlightWait) {
        return new CredentialGuard(table, credential::get,
                new LockoutSettings(3, PAUSE, maxInFlight, inFlightWait), PROBE_LEASE, clock, registry);
    }

    void proven() {
        Permit probe = first.admit();
        first.record(probe, null);
    }

    private static Permit probe(CredentialGuard guard) {
        Permit permit = guard.admit();
        assertThat(permit.probe()).isTrue();
        return permit;
    }

    private void refuse(CredentialGuard guard) {
        Permit permit = guard.admit();
        guard.record(permit, answer(401));
    }

    private static UpstreamException locked(CredentialGuard guard) {
        UpstreamException e = catchThrowableOfType(UpstreamException.class, guard::admit);
        assertThat(e).as("nothing may be sent").isNotNull();
        assertThat(e.failure()).isEqualTo(Failure.CREDENTIALS_LOCKED);
        return e;
    }

    static UpstreamException answer(int status) {
        Failure failure = switch (status) {
            case 401, 403 -> Failure.CREDENTIALS_REFUSED;
            case 400 -> Failure.REJECTED;
            default -> Failure.UNKNOWN;
        };
        return new UpstreamException(failure, "test", status, null, null, null, null, null);
    }
}
