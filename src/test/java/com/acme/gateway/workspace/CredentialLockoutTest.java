package com.acme.gateway.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.acme.gateway.MutableClock;
import com.acme.gateway.workspace.ResilienceProperties.LockoutSettings;
import com.acme.gateway.workspace.UpstreamException.Failure;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CredentialLockoutTest {

    final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final CredentialLockout lockout = new CredentialLockout(new LockoutSettings(3, Duration.ofMinutes(6)), clock, meters);

    @Test
    void pausesAfterTheThresholdOfConsecutive401s() {
        lockout.record(answer(401));
        lockout.record(answer(401));
        assertThatNoException().isThrownBy(lockout::ensureNotPaused);

        lockout.record(answer(401));

        var paused = catchThrowableOfType(UpstreamException.class, lockout::ensureNotPaused);
        assertThat(paused.failure()).isEqualTo(Failure.CREDENTIALS_LOCKED);
        assertThat(paused.retryAfter()).isEqualTo(Duration.ofMinutes(6));
        assertThat(paused.attempts()).isZero();
        assertThat(meters.counter("gateway.upstream.credential.lockouts").count()).isEqualTo(1);
        assertThat(meters.get("gateway.upstream.credential.paused").gauge().value()).isEqualTo(1);
    }

    @Test
    void anyOtherAnswerStartsTheCountAgain() {
        for (UpstreamException other : new UpstreamException[] {answer(403), answer(400), answer(500), null}) {
            lockout.record(answer(401));
            lockout.record(answer(401));
            lockout.record(other);
        }
        lockout.record(answer(401));
        lockout.record(answer(401));

        assertThatNoException().isThrownBy(lockout::ensureNotPaused);
    }

    @Test
    void failuresWithoutAnAnswerNeitherCountNorClear() {
        lockout.record(answer(401));
        lockout.record(RetryPlannerTest.failure(Failure.NOT_SENT, null));
        lockout.record(RetryPlannerTest.failure(Failure.TIMED_OUT, null));
        lockout.record(answer(401));
        assertThatNoException().isThrownBy(lockout::ensureNotPaused);

        lockout.record(answer(401));
        assertThat(lockout.paused()).isTrue();
    }

    @Test
    void resumesAfterThePauseAndPausesAgainOnTheFirst401() {
        for (int i = 0; i < 3; i++) {
            lockout.record(answer(401));
        }
        clock.advance(Duration.ofMinutes(6));
        assertThatNoException().isThrownBy(lockout::ensureNotPaused);
        assertThat(meters.get("gateway.upstream.credential.paused").gauge().value()).isZero();

        lockout.record(answer(401));

        assertThat(lockout.paused()).isTrue();
        assertThat(meters.counter("gateway.upstream.credential.lockouts").count()).isEqualTo(2);
    }

    @Test
    void aSuccessfulProbeAfterThePauseClearsEverything() {
        for (int i = 0; i < 3; i++) {
            lockout.record(answer(401));
        }
        clock.advance(Duration.ofMinutes(6));
        lockout.record(null);
        lockout.record(answer(401));
        lockout.record(answer(401));

        assertThat(lockout.paused()).isFalse();
    }

    private static UpstreamException answer(int status) {
        Failure failure = switch (status) {
            case 401, 403 -> Failure.CREDENTIALS_REFUSED;
            case 400 -> Failure.REJECTED;
            default -> Failure.UNKNOWN;
        };
        return new UpstreamException(failure, "test", status, null, null, null, null, null);
    }
}
