package com.acme.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class AuditRetentionTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(Enabled.class);

    @Test
    void keepsRowsFor400DaysAndPurgesHourlyInBatchesOf1000ByDefault() {
        runner.run(context -> assertThat(context.getBean(AuditRetention.class))
                .isEqualTo(new AuditRetention(Duration.ofDays(400), Duration.ofHours(1), 1000)));
    }

    @ParameterizedTest
    @CsvSource({
            "gateway.audit.retention=29d, retention",
            "gateway.audit.purge-interval=0s, purgeInterval",
            "gateway.audit.purge-interval=25h, purgeInterval",
            "gateway.audit.purge-batch-size=0, purgeBatchSize"})
    void badValueStopsStartUpNamingTheProperty(String setting, String field) {
        runner.withPropertyValues(setting).run(context -> assertThat(context).getFailure()
                .rootCause().hasMessageContaining("gateway.audit").hasMessageContaining(field));
    }

    @EnableConfigurationProperties(AuditRetention.class)
    static class Enabled {
    }
}
