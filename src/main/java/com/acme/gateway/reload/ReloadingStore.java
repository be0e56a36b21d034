package com.acme.gateway.reload;

import org.springframework.context.SmartLifecycle;

/** A store that re-reads its mounted file: the application context starts and stops its {@link FilePoller}. */
public interface ReloadingStore extends SmartLifecycle {

    FilePoller poller();

    @Override
    default void start() {
        poller().start();
    }

    @Override
    default void stop() {
        poller().stop();
    }

    @Override
    default boolean isRunning() {
        return poller().isRunning();
    }
}
