package com.acme.gateway.reload;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Runs a store's change check every {@code interval} on a daemon thread of its own, started and
 * stopped with the store ({@link ReloadingStore}). A check that throws is handed to
 * {@code onFailure} and tried again at the next tick.
 */
public final class FilePoller {

    private final String threadName;
    private final Duration interval;
    private final Runnable check;
    private final Consumer<RuntimeException> onFailure;
    private volatile @Nullable ScheduledExecutorService executor;

    public FilePoller(String threadName, Duration interval, Runnable check, Consumer<RuntimeException> onFailure) {
        this.threadName = threadName;
        this.interval = interval;
        this.check = check;
        this.onFailure = onFailure;
    }

    public void start() {
        var started = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name(threadName).factory());
        started.scheduleWithFixedDelay(this::checkSafely, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        executor = started;
    }

    public void stop() {
        ScheduledExecutorService running = executor;
        executor = null;
        if (running != null) {
            running.shutdownNow();
        }
    }

    public boolean isRunning() {
        return executor != null;
    }

    private void checkSafely() {
        try {
            check.run();
        } catch (RuntimeException e) {
            onFailure.accept(e);
        }
    }
}
