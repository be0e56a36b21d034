package com.acme.gateway.policy;

import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Instant;

/** Bucket4j's time source read from the application's {@link Clock}, so tests can move it. */
record ClockTimeMeter(Clock clock) implements TimeMeter {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    @Override
    public long currentTimeNanos() {
        Instant now = clock.instant();
        return Math.addExact(Math.multiplyExact(now.getEpochSecond(), NANOS_PER_SECOND), now.getNano());
    }

    long currentTimeMillis() {
        return clock.millis();
    }

    @Override
    public boolean isWallClockBased() {
        return true;
    }
}
