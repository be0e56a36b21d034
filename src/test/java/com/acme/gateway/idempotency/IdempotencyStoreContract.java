package com.acme.gateway.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.acme.gateway.MutableClock;
import com.acme.gateway.database.DatabaseOutage;
import com.acme.gateway.database.JdbcSliceOnH2;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/** What {@link IdempotencyStore} guarantees, on whichever database the subclass selects. */
@JdbcSliceOnH2
// DatabaseOutage is used by ClaimSafetyContract; the same imports let both share one context per database
@Import({IdempotencyStore.class, DatabaseOutage.class, IdempotencyStoreContract.Clocks.class})
@EnableConfigurationProperties(IdempotencyProperties.class)
@TestPropertySource(properties = "gateway.idempotency.purge-batch-size=2")
abstract class IdempotencyStoreContract {

    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    static final String TEAM = "payments";
    static final String KEY = "6f1c2a1e-8d4b-4a7e-9c55-0b7d3f2e9a10";
    static final String FINGERPRINT = IdempotencyKeys.fingerprint("pool-1", "{\"script_ids\":[\"s\"]}".getBytes());
    static final StoredAnswer ACCEPTED = new StoredAnswer(202, "{\"task_id\":\"t-1\"}",
            Map.of("Location", "/api/v1/executions/t-1"));

    @Autowired
    IdempotencyStore store;

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DatabaseOutage outage;

    final UUID auditId = UUID.randomUUID();

    @BeforeEach
    void emptyTableAtTimeZero() {
        jdbc.sql("DELETE FROM idempotency_keys").update();
        clock.set(T0);
    }

    @Test
    void firstClaimWinsAndRepeatsWhileInFlightAreInFlight() {
        assertThat(store.claim(TEAM, KEY, FINGERPRINT, auditId)).isEqualTo(new Claim.Claimed());
        assertThat(store.claim(TEAM, KEY, FINGERPRINT, UUID.randomUUID())).isEqualTo(new Claim.InFlight(auditId));
    }

    @Test
    void repeatAfterCompletionReplaysTheStoredAnswer() {
        StoredAnswer answer = new StoredAnswer(202, "{\"task_id\":\"t-1\"}",
                Map.of("Location", "/api/v1/executions/t-1", "X-Request-Id", "r-1"));
        store.claim(TEAM, KEY, FINGERPRINT, auditId);
        store.complete(TEAM, KEY, auditId, answer);

        assertThat(store.claim(TEAM, KEY, FINGERPRINT, UUID.randomUUID())).isEqualTo(new Claim.Completed(answer, auditId));
    }

    @Test
    void sameKeyForADifferentRequestIsAMismatchInFlightAndAfterwards() {
        String otherRequest = IdempotencyKeys.fingerprint("pool-2", "{}".getBytes());
        store.claim(TEAM, KEY, FINGERPRINT, auditId);

        assertThat(store.claim(TEAM, KEY, otherRequest, UUID.randomUUID())).isEqualTo(new Claim.Mismatch());
        store.complete(TEAM, KEY, auditId, ACCEPTED);
        assertThat(store.claim(TEAM, KEY, otherRequest, UUID.randomUUID())).isEqualTo(new Claim.Mismatch());
    }

    @Test
    void sameKeyInAnotherTeamIsAFreshClaim() {
        store.claim(TEAM, KEY, FINGERPRINT, auditId);
        store.complete(TEAM, KEY, auditId, ACCEPTED);

        assertThat(store.claim("billing", KEY, FINGERPRINT, UUID.randomUUID())).isEqualTo(new Claim.Claimed());
        assertThat(store.claim(TEAM, KEY, FINGERPRINT, UUID.randomUUID())).isEqualTo(new Claim.Completed(ACCEPTED, auditId));
    }

    @Test
    void releasedClaimCanBeClaimedAgainButACompletedKeyCannotBeReleased() {
        store.claim(TEAM, KEY, FINGERPRINT, auditId);
        store.release(TEAM, KEY, auditId);
        UUID second = UUID.randomUUID();
        assertThat(store.claim(TEAM, KEY, FINGERPRINT, second)).isEqualTo(new Claim.Claimed());

        store.complete(TEAM, KEY, second, ACCEPTED);
        store.release(TEAM, KEY, second);
        assertThat(store.claim(TEAM, KEY, FINGERPRINT, UUID.randomUUID())).isEqualTo(new Claim.Completed(ACCEPTED, second));
    }

    @Test
    void replacedAnswerIsWhatLaterRepeatsGet() {
        store.claim(TEAM, KEY, FINGERPRINT, auditId);
        store.complete(TEAM, KEY, auditId, new StoredAnswer(504, "{\"outcome\":\"UNKNOWN\"}", Map.of()));

        assertThat(store.replaceAnswer(TEAM, KEY, auditId, ACCEPTED)).isTrue();

        assertThat(store.claim(TEAM, KEY, FINGERPRINT, UUID.randomUUID())).isEqualTo(new Claim.Completed(ACCEPTED, auditId));
    }

    @Test
    void replacingTheAnswerOfAnUnansweredClaimEndsIt() {
        store.claim(TEAM, KEY, FINGERPRINT, auditId);

        assertThat(store.replaceAnswer(TEAM, KEY, auditId, ACCEPTED)).isTrue();

        assertThat(store.claim(TEAM, KEY, FINGERPRINT, UUID.randomUUID())).isEqualTo(new Claim.Completed(ACCEPTED, auditId));
    }

    @Test
    void answerIsNotReplacedForAnotherRequestThatReusedTheKey() {
        UUID laterRequest = UUID.randomUUID();
        StoredAnswer laterAnswer = new StoredAnswer(202, "{\"task_id\":\"t-2\"}", Map.of());
        store.claim(TEAM, KEY, FINGERPRINT, laterRequest);
        store.complete(TEAM, KEY, laterRequest, laterAnswer);

        assertThat(store.replaceAnswer(TEAM, KEY, auditId, ACCEPTED)).isFalse();
        assertThat(store.replaceAnswer(TEAM, "never-used", auditId, ACCEPTED)).isFalse();

        assertThat(store.claim(TEAM, KEY, FINGERPRINT, UUID.randomUUID())).isEqualTo(new Claim.Completed(laterAnswer, laterRequest));
    }

    @Test
    void onlyTheOwningRequestCompletesOrReleasesAClaim() {
        store.claim(TEAM, KEY, FINGERPRINT, auditId);

        store.release(TEAM, KEY, UUID.randomUUID());
        store.complete(TEAM, KEY, UUID.randomUUID(), ACCEPTED);

        assertThat(store.claim(TEAM, KEY, FINGERPRINT, UUID.randomUUID())).isEqualTo(new Claim.InFlight(auditId));
        store.complete(TEAM, KEY, auditId, ACCEPTED);
        assertThat(store.claim(TEAM, KEY, FINGERPRINT, UUID.randomUUID())).isEqualTo(new Claim.Completed(ACCEPTED, auditId));
    }

    @Test
    void releaseThatFailedWhileTheStoreWasDownIsRetriedOnceItIsBack() {
        store.claim(TEAM, KEY, FINGERPRINT, auditId);
        outage.start();
        try {
            assertThatThrownBy(() -> store.release(TEAM, KEY, auditId)).isInstanceOf(IdempotencyUnavailableException.class);
            assertThatThrownBy(store::retryReleases).isInstanceOf(IdempotencyUnavailableException.class);
        } finally {
            outage.end();
        }

        assertThat(store.retryReleases()).isEqualTo(1);
        assertThat(store.retryReleases()).isZero();
        assertThat(store.claim(TEAM, KEY, FINGERPRINT, UUID.randomUUID())).isEqualTo(new Claim.Claimed());
    }

    @Test
    void claimUnansweredForLongerThanTheInFlightTimeoutIsAbandonedAndSettledOnce() {
        StoredAnswer unknown = new StoredAnswer(502, "{\"outcome\":\"UNKNOWN\"}", Map.of());
        store.claim(TEAM, KEY, FINGERPRINT, auditId);
        ageClaimsBy(Duration.ofMinutes(5).minusSeconds(2));
        assertThat(store.claim(TEAM, KEY, FINGERPRINT, UUID.randomUUID())).isEqualTo(new Claim.InFlight(auditId));
        assertThat(store.settleAbandoned(TEAM, KEY, auditId, unknown)).as("not abandoned yet").isFalse();

        ageClaimsBy(Duration.ofSeconds(3));
        assertThat(store.claim(TEAM, KEY, FINGERPRINT, UUID.randomUUID())).isEqualTo(new Claim.Abandoned(auditId));
        assertThat(store.claim(TEAM, KEY, "a-different-request", UUID.randomUUID())).isEqualTo(new Claim.Mismatch());
        assertThat(store.settleAbandoned(TEAM, KEY, UUID.randomUUID(), unknown)).as("someone else's claim").isFalse();
        assertThat(store.settleAbandoned(TEAM, KEY, auditId, unknown)).isTrue();
        assertThat(store.settleAbandoned(TEAM, KEY, auditId, ACCEPTED)).as("already settled").isFalse();

        assertThat(store.claim(TEAM, KEY, FINGERPRINT, UUID.randomUUID())).isEqualTo(new Claim.Completed(unknown, auditId));
    }

    @Test
    void abandonmentIsJudgedByTheDatabaseClockNotTheReplicas() {
        store.claim(TEAM, KEY, FINGERPRINT, auditId);

        clock.advance(Duration.ofHours(1));

        assertThat(store.claim(TEAM, KEY, FINGERPRINT, UUID.randomUUID())).isEqualTo(new Claim.InFlight(auditId));
        assertThat(store.settleAbandoned(TEAM, KEY, auditId, ACCEPTED)).isFalse();
    }

    @Test
    void keyIsKeptForTheRetentionAfterItsAnswerThenCountsAsAbsent() {
        store.claim(TEAM, KEY, FINGERPRINT, auditId);
        clock.advance(Duration.ofHours(1));
        store.complete(TEAM, KEY, auditId, ACCEPTED);

        clock.set(T0.plus(Duration.ofHours(25)));
        assertThat(store.claim(TEAM, KEY, FINGERPRINT, UUID.randomUUID())).isEqualTo(new Claim.Completed(ACCEPTED, auditId));
        clock.advance(Duration.ofSeconds(1));
        assertThat(store.claim(TEAM, KEY, "a-different-request", UUID.randomUUID())).isEqualTo(new Claim.Claimed());
    }

    @Test
    void purgeDeletesExpiredKeysInBatchesAndKeepsLiveOnes() {
        for (int i = 0; i < 5; i++) {
            store.claim(TEAM, "old-" + i, FINGERPRINT, UUID.randomUUID());
        }
        clock.advance(Duration.ofHours(12));
        store.claim(TEAM, "recent", FINGERPRINT, auditId);
        clock.advance(Duration.ofHours(12).plusSeconds(1));

        assertThat(store.purgeExpired()).isEqualTo(5);
        assertThat(store.purgeExpired()).isZero();
        assertThat(jdbc.sql("SELECT idempotency_key FROM idempotency_keys").query(String.class).list()).containsExactly("recent");
    }

    /** Moves the claims' database time back: the database clock cannot be moved forward. */
    private void ageClaimsBy(Duration age) {
        jdbc.sql("UPDATE idempotency_keys SET created_at = created_at - CAST(:millis AS BIGINT) * INTERVAL '0.001' SECOND")
                .param("millis", age.toMillis())
                .update();
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Clocks {
        @Bean
        MutableClock clock() {
            return new MutableClock(T0);
        }
    }
}
