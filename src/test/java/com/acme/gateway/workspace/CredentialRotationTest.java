package com.acme.gateway.workspace;

import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.acme.gateway.GatewayWithMockMvc;
import com.acme.gateway.TestUpstream;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

/**
 * AK/SK mounted as files, rotated the way the kubelet updates a Secret volume (new timestamped
 * directory, then {@code ..data} re-pointed by one rename), without restarting the gateway.
 */
@GatewayWithMockMvc
@ExtendWith(OutputCaptureExtension.class)
class CredentialRotationTest {

    private static final String PROJECT = "0bec5db98280d2d02fd6c00c2de791ce";
    private static final String OLD_AK = "HPUAOLDACCESSKEY00001";
    private static final String OLD_SK = "OldSecretKey0123456789abcdefABCDEF01234567";
    private static final String NEW_AK = "HPUANEWACCESSKEY00002";
    private static final String NEW_SK = "NewSecretKey0123456789abcdefABCDEF01234567";
    private static final Path SECRET_VOLUME = mountedSecret();

    @Autowired
    MockMvcTester mvc;

    @Autowired
    MeterRegistry meters;

    @DynamicPropertySource
    static void credentialsFromFiles(DynamicPropertyRegistry registry) {
        registry.add("workspace.credentials.access-key", () -> "");
        registry.add("workspace.credentials.secret-key", () -> "");
        registry.add("workspace.credentials.directory", SECRET_VOLUME::toString);
        registry.add("workspace.credentials.reload-interval", () -> "100ms");
    }

    @BeforeEach
    void upstreamAccepts() {
        TestUpstream.resetAndAccept(UpstreamCalls.TASK_ID);
    }

    @Test
    void signsTheNextRequestWithTheRotatedPairAndKeepsItWhenANewPairIsBroken(CapturedOutput output) throws IOException {
        assertThat(UpstreamCalls.submit(mvc)).hasStatus(202);
        assertSignedWith(lastUpstreamRequest(), OLD_AK, OLD_SK);
        double reloads = reloads("success");

        publish(Map.of("access-key", NEW_AK, "secret-key", NEW_SK));
        await().atMost(Duration.ofSeconds(10)).until(() -> reloads("success") == reloads + 1);
        assertThat(UpstreamCalls.submit(mvc)).hasStatus(202);

        assertSignedWith(lastUpstreamRequest(), NEW_AK, NEW_SK);
        assertThat(output).contains("Workspace credentials reloaded from " + SECRET_VOLUME + ": access key HPUA******")
                .doesNotContain(NEW_SK, OLD_SK, NEW_AK);

        double failures = reloads("failure");
        publish(Map.of("access-key", "HPUABROKENACCESSKEY03", "secret-key", "  \n"));
        await().atMost(Duration.ofSeconds(10)).until(() -> reloads("failure") == failures + 1);
        assertThat(UpstreamCalls.submit(mvc)).hasStatus(202);

        assertSignedWith(lastUpstreamRequest(), NEW_AK, NEW_SK);
        assertThat(output).contains("rejected, still signing with access key HPUA******: the file secret-key in")
                .doesNotContain("HPUABROKENACCESSKEY03");
    }

    private double reloads(String result) {
        return meters.get("gateway.credentials.reloads").tag("result", result).counter().count();
    }

    private static LoggedRequest lastUpstreamRequest() {
        List<LoggedRequest> sent = TestUpstream.server().findAll(postRequestedFor(anyUrl()));
        assertThat(sent).isNotEmpty();
        return sent.getLast();
    }

    private static void assertSignedWith(LoggedRequest request, String ak, String sk) {
        String expected = SdkSignatures.expectedAuthorization("POST", request.getAbsoluteUrl(),
                Map.of("Host", request.getHeader("Host"), "X-Sdk-Date", request.getHeader("X-Sdk-Date"),
                        "X-Project-Id", PROJECT),
                List.of("host", "x-project-id", "x-sdk-date"), request.getBody(), ak, sk);
        assertThat(request.getHeader("Authorization")).contains("Access=" + ak + ",").isEqualTo(expected);
    }

    /** A Secret volume as the kubelet lays it out, holding the old pair. */
    private static Path mountedSecret() {
        try {
            Path volume = Files.createTempDirectory("secret-volume");
            publishInto(volume, Map.of("access-key", OLD_AK + "\n", "secret-key", OLD_SK + "\n"));
            for (String name : List.of("access-key", "secret-key")) {
                Files.createSymbolicLink(volume.resolve(name), Path.of("..data", name));
            }
            return volume;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void publish(Map<String, String> files) throws IOException {
        publishInto(SECRET_VOLUME, files);
    }

    /** Writes a new timestamped directory, then atomically re-points {@code ..data} at it. */
    private static void publishInto(Path volume, Map<String, String> files) throws IOException {
        Path version = Files.createTempDirectory(volume, "..2026_12_01_");
        for (var file : files.entrySet()) {
            Files.writeString(version.resolve(file.getKey()), file.getValue());
        }
        Path staged = volume.resolve("..data_tmp");
        Files.deleteIfExists(staged);
        Files.createSymbolicLink(staged, version.getFileName());
        Files.move(staged, volume.resolve("..data"), StandardCopyOption.ATOMIC_MOVE);
    }
}
