package com.acme.gateway.workspace;

import java.time.Duration;

/**
 * The longest one upstream execute call can take, retries included, and how it follows from the
 * settings: every attempt starts before the {@code deadline}, may wait for a place among the
 * requests in flight, and then takes at most the connect and read timeouts. Counted generously (every attempt at its longest, plus the whole deadline for the
 * waits between them), because something that must outlast every call is set from it.
 */
public record UpstreamCallLimit(Duration longest, String formula) {

    static UpstreamCallLimit of(int maxAttempts, Duration inFlightWait, Duration connect, Duration read,
            Duration deadline) {
        Duration longest = inFlightWait.plus(connect).plus(read).multipliedBy(maxAttempts).plus(deadline);
        return new UpstreamCallLimit(longest, "resilience4j.retry.instances.workspace.max-attempts (" + maxAttempts
                + ") × (workspace.resilience.credential-lockout.in-flight-wait (" + text(inFlightWait)
                + ") + workspace.timeouts.connect (" + text(connect) + ") + workspace.timeouts.read (" + text(read)
                + ")) + workspace.resilience.deadline (" + text(deadline) + ") = " + text(longest));
    }

    private static String text(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }
}
