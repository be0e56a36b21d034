package com.acme.gateway.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.acme.gateway.MutableClock;
import com.acme.gateway.database.CommitSettings;
import com.acme.gateway.database.DatabaseOutage;
import com.acme.gateway.database.JdbcSliceOnH2;
import com.acme.gateway.database.OnPostgres;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The buckets shared through PostgreSQL: one limit for every replica on the database. */
@JdbcSliceOnH2
@OnPostgres
@Import(DatabaseOutage.class)
class RateLimiterOnPostgresTest extends RateLimiterContract {

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
    void bucketTransactionsCommitWithoutWaitingForTheWalFlushAndLeaveTheConnectionAsItWas() throws Exception {
        var commits = new CommitSettings();
        var recorded = new RateLimiter(RateLimitStore.shared(commits.wrap(dataSource), new ClockTimeMeter(clock)));

        assertThat(recorded.tryAcquire(team("payments", 10, Duration.ofMinutes(1)))).isEmpty();

        assertThat(commits.seen()).isNotEmpty().containsOnly("off");
        assertThat(CommitSettings.synchronousCommit(dataSource)).isEqualTo("on");
    }

    @Test
    void concurrentRequestsOfAReplicaShareTransactionsAndEachStillCounts() throws Exception {
        var commits = new CommitSettings();
        var recorded = new RateLimiter(RateLimitStore.shared(commits.wrap(dataSource), new ClockTimeMeter(clock)));
        TeamPolicy team = team("payments", 100, Duration.ofHours(1));
        assertThat(recorded.tryAcquire(team)).isEmpty();
        int before = commits.seen().size();

        List<Optional<Duration>> waits = concurrently(40, () -> recorded.tryAcquire(team));

        assertThat(waits).allMatch(Optional::isEmpty);
        assertThat(commits.seen().size() - before).as("transactions for 40 concurrent requests").isBetween(1, 39);
        assertThat(IntStream.range(0, 59).mapToObj(i -> limiter.tryAcquire(team))).allMatch(Optional::isEmpty);
        assertThat(limiter.tryAcquire(team)).as("1 + 40 + 59 permits of 100 taken").isPresent();
    }

    @Test
    void aBucketRowDeletedUnderARunningReplicaIsCreatedAgainForConcurrentRequests() throws Exception {
        TeamPolicy team = team("payments", 5, Duration.ofHours(1));
        assertThat(limiter.tryAcquire(team)).isEmpty();

        JdbcClient.create(dataSource).sql("DELETE FROM rate_limit_buckets WHERE id = :id").param("id", team.name()).update();
        List<Optional<Duration>> waits = concurrently(20, () -> limiter.tryAcquire(team));

        assertThat(waits).as("a new bucket, full").filteredOn(Optional::isEmpty).hasSize(5);
    }

    @Test
    void concurrentRequestsWhileTheDatabaseIsDownAllFailClosed() throws Exception {
        TeamPolicy team = team("payments", 100, Duration.ofHours(1));
        assertThat(limiter.tryAcquire(team)).isEmpty();
        outage.start();

        List<Throwable> failures = concurrently(20, () -> catchThrowable(() -> limiter.tryAcquire(team)));

        assertThat(failures).allSatisfy(failure -> assertThat(failure).isInstanceOf(RateLimitUnavailableException.class));
    }

    @Test
    void failsClosedWhileTheDatabaseIsDownAndRecoversWithoutRestart() {
        TeamPolicy team = team("payments", 10, Duration.ofMinutes(1));
        outage.start();

        assertThatThrownBy(() -> limiter.tryAcquire(team)).isInstanceOf(RateLimitUnavailableException.class);

        outage.end();
        assertThat(limiter.tryAcquire(team)).isEmpty();
    }
}
