package com.acme.gateway.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.acme.gateway.MutableClock;
import com.acme.gateway.database.DatabaseOutage;
import com.acme.gateway.database.JdbcSliceTest;
import com.acme.gateway.database.PostgresTest;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

/** The buckets shared through PostgreSQL: one limit for every replica on the database. */
@JdbcSliceTest
@PostgresTest
@Import(DatabaseOutage.class)
class RateLimiterOnPostgresTest extends RateLimiterContract {

    private static final Logger log = LoggerFactory.getLogger(RateLimiterOnPostgresTest.class);

    @Autowired
    DataSource dataSource;

    @Autowired
    DatabaseOutage outage;

    @Override
    RateLimiter newLimiter(MutableClock clock) {
        return new RateLimiter(RateLimitStore.shared(dataSource, new ClockTimeMeter(clock)));
    }

    @AfterEach
    void databaseBack() {
        outage.end();
    }

    @Test
    void twoReplicasShareOneLimit() {
        RateLimiter other = newLimiter(clock);
        TeamPolicy team = team("payments", 10, Duration.ofMinutes(1));

        List<Optional<Duration>> answers = IntStream.range(0, 40)
                .mapToObj(i -> (i % 2 == 0 ? limiter : other).tryAcquire(team)).toList();

        assertThat(answers).filteredOn(Optional::isEmpty).hasSize(10);
        assertThat(answers.subList(10, 40)).allSatisfy(wait -> assertThat(wait).contains(Duration.ofSeconds(6)));
    }

    @Test
    void aLimitChangedOnOneReplicaHoldsForTheOthersUntilTheyReload() {
        RateLimiter other = newLimiter(clock);
        TeamPolicy before = team("payments", 1, Duration.ofHours(1));
        assertThat(other.tryAcquire(before)).isEmpty();

        clock.advance(Duration.ofSeconds(1));
        assertThat(limiter.tryAcquire(team("payments", 3, Duration.ofHours(1)))).isEmpty();

        assertThat(other.tryAcquire(before)).as("the stored, newer limit of 3 applies").isEmpty();
        assertThat(other.tryAcquire(before)).isPresent();
    }

    @Test
    void failsClosedWhileTheDatabaseIsDownAndRecoversWithoutRestart() {
        TeamPolicy team = team("payments", 10, Duration.ofMinutes(1));
        outage.start();

        assertThatThrownBy(() -> limiter.tryAcquire(team)).isInstanceOf(RateLimitUnavailableException.class);

        outage.end();
        assertThat(limiter.tryAcquire(team)).isEmpty();
    }

    /** The figure in the README's "cost of the global limit": one transaction per request. */
    @Test
    void costsAboutOneShortTransactionPerRequest() {
        TeamPolicy team = team("payments", 1_000_000, Duration.ofMinutes(1));
        IntStream.range(0, 200).forEach(i -> limiter.tryAcquire(team));

        int requests = 1000;
        long started = System.nanoTime();
        IntStream.range(0, requests).forEach(i -> limiter.tryAcquire(team));
        double micros = (System.nanoTime() - started) / 1_000.0 / requests;

        log.info("PostgreSQL rate limit: {} us per tryAcquire (mean of {})", Math.round(micros), requests);
        assertThat(micros).isLessThan(20_000);
    }
}
