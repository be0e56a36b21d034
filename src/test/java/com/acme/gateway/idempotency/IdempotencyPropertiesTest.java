package com.acme.gateway.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class IdempotencyPropertiesTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(Enabled.class);

    @Test
    void keepsKeysForADayPurgesEveryTenMinutesAndAbandonsClaimsAfterFiveMinutesByDefault() {
        runner.run(context -> assertThat(context.getBean(IdempotencyProperties.class))
                .isEqualTo(new IdempotencyProperties(Duration.ofHours(24), Duration.ofMinutes(10), 1000,
                        Duration.ofMinutes(5))));
    }

    @ParameterizedTest
    @CsvSource({
            "gateway.idempotency.retention=23h, retention",
            "gateway.idempotency.retention=31d, retention",
            "gateway.idempotency.purge-interval=0s, purgeInterval",
            "gateway.idempotency.purge-batch-size=0, purgeBatchSize",
            "gateway.idempotency.in-flight-timeout=30s, inFlightTimeout"})
    void badValueStopsStartUpNamingTheProperty(String setting, String field) {
        runner.withPropertyValues(setting).run(context -> assertThat(context).getFailure()
                .rootCause().hasMessageContaining("gateway.idempotency").hasMessageContaining(field));
    }

    @EnableConfigurationProperties(IdempotencyProperties.class)
    static class Enabled {
    }
}
