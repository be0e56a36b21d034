package com.acme.gateway.api;

import static com.acme.gateway.Fixtures.POOL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.acme.gateway.GatewayWithMockMvc;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

/** A policy change reaches a running gateway without a restart: a revoked key stops working. */
@GatewayWithMockMvc
class PolicyReloadTest {

    static Path policy;

    @Autowired
    MockMvcTester mvc;

    @DynamicPropertySource
    static void policyCopy(DynamicPropertyRegistry registry) throws IOException {
        policy = Files.createTempFile("policy", ".yaml");
        policy.toFile().deleteOnExit();
        Files.copy(Path.of("src/test/resources/test-policy.yaml"), policy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        registry.add("gateway.policy.location", policy::toString);
        registry.add("gateway.policy.reload-interval", () -> "200ms");
    }

    @Test
    void revokedApiKeyIsRejectedWithinFiveSeconds() throws IOException {
        assertThat(dryRun("test-key-beta")).isEqualTo(200);

        String revoked = Files.readString(policy)
                .replace("038833737202aaf8dd73da38fc2bdef7b37ac9dffb7832e626094221bd84421d",
                        "0000000000000000000000000000000000000000000000000000000000000000");
        Files.writeString(policy, revoked);

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(dryRun("test-key-beta")).isEqualTo(401));
        assertThat(dryRun("test-key-alpha")).isEqualTo(200);
    }

    private int dryRun(String key) {
        return mvc.post().uri("/api/v1/pools/" + POOL + "/script-executions?dry_run=true")
                .header("X-API-Key", key).contentType(MediaType.APPLICATION_JSON)
                .content("{\"script_ids\":[\"0006e69f-5970-4af5-a652-e111055e630b\"]}")
                .exchange().getResponse().getStatus();
    }
}
