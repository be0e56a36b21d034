package com.acme.gateway.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyStoreTest {

    static final String PAYMENTS_KEY = "demo-payments-key-0001";
    static final String OPS_KEY = "demo-ops-key-0002";

    @TempDir
    Path dir;

    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    PolicyStore store;

    @AfterEach
    void stopPolling() {
        if (store != null) {
            store.stop();
        }
    }

    @Test
    void findsTeamsByApiKeyJwtClientAndName() throws Exception {
        store = started(copyOfDemo(dir.resolve("policy.yaml")));

        assertThat(store.findByApiKey(PAYMENTS_KEY)).map(owner -> owner.team().name() + "/" + owner.keyId()).contains("payments/payments-demo");
        assertThat(store.findByApiKey(OPS_KEY)).map(owner -> owner.team().name()).contains("platform-ops");
        assertThat(store.findByApiKey("demo-payments-key-0002")).isEmpty();
        assertThat(store.findByApiKey("")).isEmpty();
        assertThat(store.findByJwtClient("svc-platform-ops")).map(TeamPolicy::name).contains("platform-ops");
        assertThat(store.findByJwtClient("SVC-PLATFORM-OPS")).isEmpty();
        assertThat(store.findByName("payments")).isPresent();
        assertThat(store.findByName("nobody")).isEmpty();
    }

    @Test
    void appliesAValidChangeWithinFiveSeconds() throws Exception {
        Path file = copyOfDemo(dir.resolve("policy.yaml"));
        store = started(file);

        replace(file, demo().replace("max-desktops: 50", "max-desktops: 7"));

        await().atMost(Duration.ofSeconds(5))
                .until(() -> store.current().teams().get("payments").maxDesktops() == 7);
        assertThat(reloads("success")).isEqualTo(1);
        assertThat(reloads("failure")).isZero();
    }

    @Test
    void detectsAChangeByContentEvenWhenTheModificationTimeStaysTheSame() throws Exception {
        Path file = copyOfDemo(dir.resolve("policy.yaml"));
        FileTime before = Files.getLastModifiedTime(file);
        store = started(file);

        replace(file, demo().replace("max-desktops: 50", "max-desktops: 8"));
        Files.setLastModifiedTime(file, before);

        await().atMost(Duration.ofSeconds(5))
                .until(() -> store.current().teams().get("payments").maxDesktops() == 8);
    }

    @Test
    void keepsTheLastGoodPolicyWhenTheNewFileIsInvalidAndCountsTheFailureOnce() throws Exception {
        Path file = copyOfDemo(dir.resolve("policy.yaml"));
        store = started(file);
        Policy good = store.current();

        replace(file, demo().replace("max-desktops: 50", "max-desktops: -1"));
        await().atMost(Duration.ofSeconds(5)).until(() -> reloads("failure") == 1);
        assertThat(store.current()).isSameAs(good);
        assertThat(store.findByApiKey(PAYMENTS_KEY)).isPresent();

        replace(file, demo().replace("max-desktops: 50", "max-desktops: 9"));
        await().atMost(Duration.ofSeconds(5)).until(() -> reloads("success") == 1);
        assertThat(store.current().teams().get("payments").maxDesktops()).isEqualTo(9);
        assertThat(reloads("failure")).as("an invalid content is counted once, not once per poll").isEqualTo(1);
    }

    @Test
    void keepsTheLastGoodPolicyWhenTheFileDisappears() throws Exception {
        Path file = copyOfDemo(dir.resolve("policy.yaml"));
        store = started(file);

        Files.delete(file);

        await().atMost(Duration.ofSeconds(5)).until(() -> reloads("failure") == 1);
        assertThat(store.current().teams()).containsKeys("payments", "platform-ops");
    }

    @Test
    void seesAKubernetesConfigMapSwap() throws Exception {
        Path first = Files.createDirectory(dir.resolve("..2026_01_01_00_00_00.000000001"));
        copyOfDemo(first.resolve("policy.yaml"));
        Files.createSymbolicLink(dir.resolve("..data"), first.getFileName());
        Path file = Files.createSymbolicLink(dir.resolve("policy.yaml"), Path.of("..data/policy.yaml"));
        store = started(file);

        Path second = Files.createDirectory(dir.resolve("..2026_01_01_00_05_00.000000002"));
        Files.writeString(second.resolve("policy.yaml"), demo().replace("max-desktops: 50", "max-desktops: 11"));
        Path link = Files.createSymbolicLink(dir.resolve("..data_tmp"), second.getFileName());
        Files.move(link, dir.resolve("..data"), StandardCopyOption.ATOMIC_MOVE);
        Files.delete(first.resolve("policy.yaml"));
        Files.delete(first);

        await().atMost(Duration.ofSeconds(5))
                .until(() -> store.current().teams().get("payments").maxDesktops() == 11);
    }

    @Test
    void aKeyRevokedByReloadStopsAuthenticatingWithinFiveSeconds() throws Exception {
        Path file = copyOfDemo(dir.resolve("policy.yaml"));
        store = started(file);
        assertThat(store.findByApiKey(PAYMENTS_KEY)).isPresent();

        replace(file, demo().replaceAll("(?s)    api-keys:\n      - id: payments-demo\n        sha256: \"[0-9a-f]+\"\n", ""));

        await().atMost(Duration.ofSeconds(5)).until(() -> store.findByApiKey(PAYMENTS_KEY).isEmpty());
        assertThat(store.findByApiKey(OPS_KEY)).isPresent();
        assertThat(store.findByName("payments")).isPresent();
    }

    @Test
    void refusesToStartWithAMissingPolicy() {
        Path missing = dir.resolve("missing.yaml");

        assertThatThrownBy(() -> new PolicyStore(new PolicyProperties(missing.toString(), Duration.ofSeconds(1)), registry))
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessageContaining("The team policy " + missing + " (gateway.policy.location) is invalid (1 error)")
                .hasMessageContaining("policy: cannot read " + missing + ": no such file");
    }

    @Test
    void refusesToStartWithAnInvalidPolicyAndListsEveryError() throws IOException {
        Path file = Files.writeString(dir.resolve("policy.yaml"),
                demo().replace("max-desktops: 50", "max-desktops: 0").replace("roles: [audit-reader, operator]", "roles: [root]"));

        assertThatThrownBy(() -> new PolicyStore(new PolicyProperties("file:" + file, Duration.ofSeconds(1)), registry))
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessageContaining("is invalid (2 errors)")
                .hasMessageContaining("teams.payments.max-desktops: must be a positive integer")
                .hasMessageContaining("teams.platform-ops.roles[0]: must be one of audit-reader");
    }

    @Test
    void stopsPollingWhenStopped() throws Exception {
        store = started(copyOfDemo(dir.resolve("policy.yaml")));
        assertThat(store.isRunning()).isTrue();

        store.stop();

        assertThat(store.isRunning()).isFalse();
    }

    PolicyStore started(Path file) throws InvalidPolicyException {
        var started = new PolicyStore(new PolicyProperties(file.toString(), Duration.ofMillis(100)), registry);
        started.start();
        return started;
    }

    double reloads(String result) {
        return registry.get("gateway.policy.reloads").tag("result", result).counter().count();
    }

    /** Replaces the file the way editors and deploy tools do: a complete new file moved into place. */
    void replace(Path file, String content) throws IOException {
        Path next = Files.writeString(dir.resolve(".next-policy.yaml"), content);
        Files.move(next, file, StandardCopyOption.ATOMIC_MOVE);
    }

    static Path copyOfDemo(Path target) throws IOException {
        return Files.writeString(target, demo());
    }

    static String demo() throws IOException {
        return Files.readString(PolicyParserTest.DEMO);
    }
}
