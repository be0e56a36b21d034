package com.acme.gateway.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** The knobs Resilience4j lacks: defaults, and start-up refused with the property named when out of range. */
class ResiliencePropertiesTest {

    final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ConfigurationPropertiesAutoConfiguration.class))
            .withUserConfiguration(Properties.class);

    @Test
    void hasSafeDefaults() {
        runner.run(context -> {
            var properties = context.getBean(ResilienceProperties.class);
            assertThat(properties.deadline()).isEqualTo(Duration.ofSeconds(10));
            assertThat(properties.backoff().base()).isEqualTo(Duration.ofMillis(500));
            assertThat(properties.backoff().cap()).isEqualTo(Duration.ofSeconds(5));
            assertThat(properties.backoff().maxRetryAfter()).isEqualTo(Duration.ofSeconds(30));
            assertThat(properties.retryBudget().ratio()).isEqualTo(0.2);
            assertThat(properties.retryBudget().minRetries()).isEqualTo(10);
            assertThat(properties.retryBudget().window()).isEqualTo(Duration.ofSeconds(10));
            assertThat(properties.credentialLockout().threshold()).isEqualTo(3);
            assertThat(properties.credentialLockout().pause()).isEqualTo(Duration.ofMinutes(6));
        });
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({
            "workspace.resilience.credential-lockout.threshold, 5, credentialLockout.threshold",
            "workspace.resilience.credential-lockout.threshold, 0, credentialLockout.threshold",
            "workspace.resilience.credential-lockout.pause, 1m, credentialLockout.pause",
            "workspace.resilience.retry-budget.ratio, 1.5, retryBudget.ratio",
            "workspace.resilience.retry-budget.window, 500ms, retryBudget.window",
            "workspace.resilience.backoff.base, 0ms, backoff.base",
            "workspace.resilience.deadline, 1h, deadline"})
    void refusesToStartWithAnOutOfRangeValue(String property, String value, String field) {
        runner.withPropertyValues(property + "=" + value)
                .run(context -> assertThat(context).getFailure().rootCause().hasMessageContaining(field));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(ResilienceProperties.class)
    static class Properties {
    }
}
