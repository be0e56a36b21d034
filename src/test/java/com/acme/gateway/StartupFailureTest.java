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
                        "spring.datasource.url=jdbc:h2:mem:startup-failure",
                        "gateway.policy.location=src/test/resources/test-policy.yaml",
                        "workspace.endpoint=https://workspace.example.com",
                        "workspace.project-id=0bec5db98280d2d02fd6c00c2de791ce",
                        "workspace.credentials.access-key=",
                        "workspace.credentials.secret-key=VerySecretValueThatMustNotLeak")
                .run()).isInstanceOf(Exception.class);

        assertThat(output).contains("APPLICATION FAILED TO START")
                .contains("workspace.credentials.accessKey", "must be set (the Huawei access key id)")
                .doesNotContain("VerySecretValueThatMustNotLeak");
    }
}
