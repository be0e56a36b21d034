package com.acme.gateway.reload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class FilePollerTest {

    @Test
    void aCheckThatThrowsIsReportedAndTriedAgainOnTheNamedThread() {
        AtomicInteger checks = new AtomicInteger();
        List<String> failures = new CopyOnWriteArrayList<>();
        var poller = new FilePoller("test-reload", Duration.ofMillis(20), () -> {
            checks.incrementAndGet();
            throw new IllegalStateException("unreadable on " + Thread.currentThread().getName());
        }, e -> failures.add(e.getMessage()));

        poller.start();
        try {
            await().atMost(Duration.ofSeconds(5)).until(() -> checks.get() >= 2);
            assertThat(poller.isRunning()).isTrue();
        } finally {
            poller.stop();
        }

        assertThat(poller.isRunning()).isFalse();
        assertThat(failures).first().isEqualTo("unreadable on test-reload");
    }
}
