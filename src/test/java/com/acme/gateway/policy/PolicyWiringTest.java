package com.acme.gateway.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.gateway.ClockConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The policy beans in a minimal context: property validation, start-up failure, shutdown. */
class PolicyWiringTest {

    final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ConfigurationPropertiesAutoConfiguration.class))
            .withUserConfiguration(PolicyBeans.class);

    @Test
    void startsWithTheDemoPolicyAndStopsPollingOnClose() {
        AtomicReference<PolicyStore> store = new AtomicReference<>();
        runner.withPropertyValues("gateway.policy.location=file:" + PolicyParserTest.DEMO)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    store.set(context.getBean(PolicyStore.class));
                    assertThat(store.get().isRunning()).isTrue();
                    assertThat(context.getBean(TeamDirectory.class).findByName("payments")).isPresent();
                    assertThat(context.getBean(PolicyProperties.class).reloadInterval()).hasSeconds(1);
                    assertThat(context).hasSingleBean(RateLimiter.class).hasSingleBean(PolicyEngine.class);
                });
        assertThat(store.get().isRunning()).isFalse();
    }

    @Test
    void aMissingLocationStopsStartUpNamingTheProperty() {
        runner.run(context -> assertThat(context).getFailure().rootCause()
                .hasMessageContaining("gateway.policy")
                .hasMessageContaining("location")
                .hasMessageContaining("must be set to the team policy file"));
    }

    @Test
    void aReloadIntervalAboveFiveSecondsStopsStartUp() {
        runner.withPropertyValues("gateway.policy.location=" + PolicyParserTest.DEMO, "gateway.policy.reload-interval=10s")
                .run(context -> assertThat(context).getFailure().rootCause().hasMessageContaining("reloadInterval"));
    }

    @Test
    void aLocationWithAnotherSchemeStopsStartUp() {
        runner.withPropertyValues("gateway.policy.location=classpath:demo/policy.yaml")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("must be a filesystem path, optionally prefixed with file:"));
    }

    @Test
    void anInvalidPolicyStopsStartUpWithEveryErrorExplained() {
        runner.withPropertyValues("gateway.policy.location=target/no-such-policy.yaml").run(context -> {
            assertThat(context).getFailure().rootCause().isInstanceOf(InvalidPolicyException.class);
            FailureAnalysis analysis = new InvalidPolicyFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis.getDescription()).isEqualTo("""
                    The team policy target/no-such-policy.yaml (gateway.policy.location) is invalid (1 error):
                      policy: cannot read target/no-such-policy.yaml: no such file""");
            assertThat(analysis.getAction()).contains("gateway.policy.location", "check-policy");
        });
    }

    @Test
    void keepsAClockThatIsAlreadyDefined() {
        Clock fixed = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
        runner.withPropertyValues("gateway.policy.location=" + PolicyParserTest.DEMO)
                .withBean(Clock.class, () -> fixed)
                .run(context -> assertThat(context.getBean(Clock.class)).isSameAs(fixed));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(PolicyProperties.class)
    @Import({PolicyStore.class, PolicyEngine.class, RateLimiter.class, RateLimitStore.class, ClockConfiguration.class})
    static class PolicyBeans {
        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }
    }
}
