package com.acme.gateway.execution;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class ResolverSettingsTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Enabled.class);

    @Test
    void looksEveryThirtySecondsForAnHourWithinFiveMinutesOfTheRequestByDefault() {
        runner.run(context -> assertThat(context.getBean(ResolverSettings.class)).isEqualTo(new ResolverSettings(
                Duration.ofSeconds(30), Duration.ofHours(1), Duration.ofMinutes(5), 50)));
    }

    @ParameterizedTest
    @CsvSource({
            "gateway.idempotency.resolver.interval=0s, interval",
            "gateway.idempotency.resolver.give-up-after=30s, giveUpAfter",
            "gateway.idempotency.resolver.give-up-after=2d, giveUpAfter",
            "gateway.idempotency.resolver.match-window=2h, matchWindow",
            "gateway.idempotency.resolver.batch-size=0, batchSize"})
    void badValueStopsStartUpNamingTheProperty(String setting, String field) {
        runner.withPropertyValues(setting).run(context -> assertThat(context).getFailure()
                .rootCause().hasMessageContaining("gateway.idempotency.resolver").hasMessageContaining(field));
    }

    @EnableConfigurationProperties(ResolverSettings.class)
    static class Enabled {
    }
}
