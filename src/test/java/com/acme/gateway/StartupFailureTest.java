package com.acme.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** What an operator sees when the gateway is started with a broken configuration. */
@ExtendWith(OutputCaptureExtension.class)
class StartupFailureTest {

    @Test
    void namesTheMissingPropertyAndNeverPrintsTheSecret(CapturedOutput output) {
        assertThatThrownBy(() -> new SpringApplicationBuilder(GatewayApplication.class)
                .properties("server.port=0", "management.server.port=0",
                        "gateway.policy.location=src/test/resources/test-policy.yaml",
                        "workspace.endpoint=https://workspace.example.com",
                        "workspace.project-id=0bec5db98280d2d02fd6c00c2de791ce",
                        "workspace.credentials.access-key=",
                        "workspace.credentials.secret-key=VerySecretValueThatMustNotLeak")
                // an argument, not a default property: application.yml would point at the H2 file in ./data
                .run("--spring.datasource.url=jdbc:h2:mem:startup-failure")).isInstanceOf(Exception.class);

        assertThat(output).contains("APPLICATION FAILED TO START")
                .contains("workspace.credentials.accessKey", "must be set (the Huawei access key id)")
                .doesNotContain("VerySecretValueThatMustNotLeak");
    }

    @Test
    void refusesAnInFlightTimeoutShorterThanTheLongestUpstreamCall(CapturedOutput output) {
        assertThatThrownBy(() -> new SpringApplicationBuilder(GatewayApplication.class)
                .properties("server.port=0", "management.server.port=0",
                        "gateway.policy.location=src/test/resources/test-policy.yaml",
                        "workspace.endpoint=https://workspace.example.com",
                        "workspace.project-id=0bec5db98280d2d02fd6c00c2de791ce",
                        "workspace.credentials.access-key=HPUAEXAMPLEACCESSKEY1",
                        "workspace.credentials.secret-key=VerySecretValueThatMustNotLeak")
                // arguments, not default properties: these override application.yml
                .run("--spring.datasource.url=jdbc:h2:mem:startup-failure-in-flight", "--workspace.timeouts.read=30s",
                        "--gateway.idempotency.in-flight-timeout=1m")).isInstanceOf(Exception.class);

        assertThat(output).contains("APPLICATION FAILED TO START")
                .contains("gateway.idempotency.in-flight-timeout", "must be longer than the longest upstream call",
                        "max-attempts (3) × (workspace.resilience.credential-lockout.in-flight-wait (2s) + "
                                + "workspace.timeouts.connect (2s) + workspace.timeouts.read (30s)) + "
                                + "workspace.resilience.deadline (10s) = 112s")
                .doesNotContain("VerySecretValueThatMustNotLeak");
    }
}
