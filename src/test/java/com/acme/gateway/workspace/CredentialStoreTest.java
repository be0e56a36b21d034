package com.acme.gateway.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Credentials read from a directory: what start-up requires, what a reload applies and what it rejects. */
class CredentialStoreTest {

    private static final String AK = "HPUAFILEACCESSKEY0001";
    private static final String SK = "FileSecretKey0123456789abcdefABCDEF012345";

    @TempDir
    Path directory;

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @Test
    void readsTheTrimmedPairAndTheSecurityTokenFromFiles() throws IOException {
        write("access-key", AK + "\n");
        write("secret-key", "  " + SK + "\r\n");
        write("security-token", "TemporaryToken+/=\n");

        assertThat(store().current()).isEqualTo(new AccessKeys(AK, SK, "TemporaryToken+/="));
    }

    @Test
    void refusesToStartWithoutASecretKeyFileAndNamesTheFileNotTheKey() throws IOException {
        write("access-key", AK);

        assertThatThrownBy(this::store).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("workspace.credentials.directory")
                .hasMessageContaining("the file secret-key is missing")
                .hasMessageNotContaining(AK);
    }

    @Test
    void refusesToStartWithAnEmptyAccessKeyFile() throws IOException {
        write("access-key", "\n");
        write("secret-key", SK);

        assertThatThrownBy(this::store).hasMessageContaining("the file access-key in").hasMessageContaining("is empty");
    }

    @Test
    void aRotationSwitchesTheKeyAndItsGuardRowAndABrokenPairIsCountedOnce() throws IOException {
        write("access-key", AK);
        write("secret-key", SK);
        CredentialStore store = store();
        String guardRowBefore = store.current().credentialId();

        write("access-key", "HPUAROTATEDKEY0000002");
        store.reloadIfChanged();

        assertThat(store.current().accessKey()).isEqualTo("HPUAROTATEDKEY0000002");
        assertThat(store.current().credentialId()).as("the new key has its own credential guard row")
                .isNotEqualTo(guardRowBefore);
        assertThat(reloads("success")).isEqualTo(1);

        Files.delete(directory.resolve("secret-key"));
        store.reloadIfChanged();
        store.reloadIfChanged();

        assertThat(store.current()).isEqualTo(new AccessKeys("HPUAROTATEDKEY0000002", SK, null));
        assertThat(reloads("failure")).isEqualTo(1);
    }

    private CredentialStore store() {
        var credentials = new WorkspaceProperties.Credentials(null, null, null, directory, Duration.ofSeconds(1));
        var properties = new WorkspaceProperties("https://workspace.ap-southeast-1.myhuaweicloud.com",
                "0bec5db98280d2d02fd6c00c2de791ce", credentials,
                new WorkspaceProperties.Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(15)));
        return new CredentialStore(properties, meters);
    }

    private double reloads(String result) {
        return meters.get("gateway.credentials.reloads").tag("result", result).counter().count();
    }

    private void write(String name, String content) throws IOException {
        Files.writeString(directory.resolve(name), content);
    }
}
