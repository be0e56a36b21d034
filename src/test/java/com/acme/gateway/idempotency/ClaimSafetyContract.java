package com.acme.gateway.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.acme.gateway.database.DatabaseOutage;
import com.acme.gateway.database.JdbcSliceOnH2;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/** Claims stay safe when replicas race for one key, when the database goes away, and for malformed keys. */
@JdbcSliceOnH2
// the same context as IdempotencyStoreContract
@Import({IdempotencyStore.class, DatabaseOutage.class, IdempotencyStoreContract.Clocks.class})
@EnableConfigurationProperties(IdempotencyProperties.class)
@TestPropertySource(properties = "gateway.idempotency.purge-batch-size=2")
abstract class ClaimSafetyContract {

    static final int CLAIMS = 50;
    static final String TEAM = "payments";
    static final String FINGERPRINT = IdempotencyStoreContract.FINGERPRINT;

    @Autowired
    DataSource dataSource;

    @Autowired
    IdempotencyStore store;

    @Autowired
    DatabaseOutage outage;

    final UUID auditId = UUID.randomUUID();
    final String key = UUID.randomUUID().toString();

    @AfterEach
    void databaseBack() {
        outage.end();
    }

    @Test
    void fiftyConcurrentClaimsOfOneKeyHaveExactlyOneWinner() throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Claim>> claims = new ArrayList<>();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < CLAIMS; i++) {
                claims.add(executor.submit(() -> {
                    start.await();
                    return store.claim(TEAM, key, FINGERPRINT, UUID.randomUUID());
                }));
            }
            start.countDown();
        }

        List<Claim> results = new ArrayList<>();
        for (Future<Claim> claim : claims) {
            results.add(claim.get());
        }
        assertThat(results.stream().collect(Collectors.groupingBy(Claim::getClass, Collectors.counting())))
                .containsOnly(
                        Map.entry(Claim.Claimed.class, 1L),
                        Map.entry(Claim.InFlight.class, (long) CLAIMS - 1));
    }

    @Test
    void malformedKeyIsRejectedBeforeAnyLookup() {
        outage.start();

        assertThatIllegalArgumentException().isThrownBy(() -> store.claim(TEAM, "not a key", FINGERPRINT, auditId));
    }

    @Test
    void unavailableDatabaseRaisesIdempotencyUnavailableAndRecoversWithoutRestart() {
        outage.start();
        IdempotencyPurgeJob purgeJob = new IdempotencyPurgeJob(store,
                new IdempotencyProperties(Duration.ofHours(24), Duration.ofMinutes(1), 2, Duration.ofMinutes(5)),
                new DefaultLockingTaskExecutor(new JdbcTemplateLockProvider(dataSource)));

        assertThatThrownBy(() -> store.claim(TEAM, key, FINGERPRINT, auditId))
                .isInstanceOf(IdempotencyUnavailableException.class);
        assertThatCode(purgeJob::purgeOnOneReplica).as("the purge job survives an outage").doesNotThrowAnyException();

        outage.end();
        assertThat(store.claim(TEAM, key, FINGERPRINT, auditId)).isEqualTo(new Claim.Claimed());
    }
}
