package com.acme.gateway.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.gateway.workspace.ResilienceProperties.BackoffSettings;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.LongUnaryOperator;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BackoffTest {

    static final BackoffSettings SETTINGS = new BackoffSettings(Duration.ofMillis(100), Duration.ofSeconds(1),
            Duration.ofSeconds(30));

    @ParameterizedTest(name = "retry {0}: at most {1} ms")
    @CsvSource({"1, 100", "2, 200", "3, 400", "4, 800", "5, 1000", "6, 1000", "40, 1000"})
    void ceilingDoublesPerRetryUpToTheCap(int retry, long ceilingMillis) {
        assertThat(new Backoff(SETTINGS, new Random(1)).ceiling(retry)).isEqualTo(Duration.ofMillis(ceilingMillis));
    }

    @Test
    void drawsEveryWaitFromZeroToTheCeilingWithFullJitter() {
        var backoff = new Backoff(SETTINGS, new Random(42));

        for (int retry = 1; retry <= 6; retry++) {
            long ceiling = backoff.ceiling(retry).toMillis();
            int r = retry;
            List<Long> waits = IntStream.range(0, 200).mapToObj(i -> backoff.delay(r, null).toMillis()).toList();

            assertThat(waits).allSatisfy(wait -> assertThat(wait).isBetween(0L, ceiling));
            assertThat(Set.copyOf(waits)).as("full jitter spreads retry %d's waits", retry).hasSizeGreaterThan(50);
            assertThat(waits.stream().mapToLong(Long::longValue).min().orElseThrow()).isLessThan(ceiling / 10);
            assertThat(waits.stream().mapToLong(Long::longValue).max().orElseThrow()).isGreaterThan(ceiling * 9 / 10);
        }
    }

    @Test
    void reachesBothEndsOfTheRangeWithAFixedRandomSource() {
        assertThat(new Backoff(SETTINGS, always(bound -> 0L)).delay(3, null)).isZero();
        assertThat(new Backoff(SETTINGS, always(bound -> bound - 1)).delay(3, null)).isEqualTo(Duration.ofMillis(400));
        assertThat(new Backoff(SETTINGS, always(bound -> bound - 1)).delay(9, null)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void retryAfterWinsOverTheBackoff() {
        var backoff = new Backoff(SETTINGS, new Random(7));

        assertThat(backoff.delay(1, Duration.ofSeconds(3))).isEqualTo(Duration.ofSeconds(3));
        assertThat(backoff.delay(5, Duration.ZERO)).isZero();
    }

    @Test
    void boundsRetryAfterByItsCap() {
        var backoff = new Backoff(SETTINGS, new Random(7));

        assertThat(backoff.delay(1, Duration.ofMinutes(5))).isEqualTo(Duration.ofSeconds(30));
    }

    /** A random source that answers {@code nextLong(bound)} with {@code pick(bound)}. */
    private static RandomGenerator always(LongUnaryOperator pick) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                throw new UnsupportedOperationException();
            }

            @Override
            public long nextLong(long bound) {
                return pick.applyAsLong(bound);
            }
        };
    }
}
