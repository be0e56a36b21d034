package com.acme.gateway.workspace;

import com.acme.gateway.workspace.ResilienceProperties.BudgetSettings;
import java.time.Clock;

/**
 * Keeps retries under a share of recent calls (Finagle's and Envoy's retry budget), so that a sick
 * upstream gets at most {@code (1 + ratio)} times the callers' traffic instead of {@code maxAttempts}
 * times it. A floor of {@code minRetries} per window lets a quiet gateway still retry. Counted in
 * one-second buckets over the window, on the injected clock.
 */
final class RetryBudget {

    private final Clock clock;
    private final double ratio;
    private final int minRetries;
    private final long[] seconds;
    private final long[] calls;
    private final long[] retries;

    RetryBudget(BudgetSettings settings, Clock clock) {
        this.clock = clock;
        this.ratio = settings.ratio();
        this.minRetries = settings.minRetries();
        int buckets = (int) settings.window().toSeconds();
        this.seconds = new long[buckets];
        this.calls = new long[buckets];
        this.retries = new long[buckets];
    }

    /** A caller's request is about to make its first attempt. */
    synchronized void recordCall() {
        calls[bucket(now())]++;
    }

    /** Takes one retry from the budget; {@code false} when the window has no room left. */
    synchronized boolean tryAcquireRetry() {
        long now = now();
        long recentCalls = 0;
        long recentRetries = 0;
        for (int i = 0; i < seconds.length; i++) {
            if (seconds[i] > now - seconds.length) {
                recentCalls += calls[i];
                recentRetries += retries[i];
            }
        }
        if (recentRetries + 1 > Math.max(minRetries, ratio * recentCalls)) {
            return false;
        }
        retries[bucket(now)]++;
        return true;
    }

    private long now() {
        return clock.instant().getEpochSecond();
    }

    private int bucket(long second) {
        int i = (int) Math.floorMod(second, seconds.length);
        if (seconds[i] != second) {
            seconds[i] = second;
            calls[i] = 0;
            retries[i] = 0;
        }
        return i;
    }
}
