package com.acme.gateway.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.acme.gateway.database.PostgresAvailability.Source;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

class PostgresAvailabilityTest {

    @Test
    void dockerWinsOverTheUrlWhenItAnswers() {
        assertThat(PostgresAvailability.decide("jdbc:postgresql://db/test", () -> true)).isEqualTo(Source.DOCKER);
        assertThat(PostgresAvailability.decide(null, () -> true)).isEqualTo(Source.DOCKER);
        assertThat(PostgresAvailability.decide(" ", () -> true)).isEqualTo(Source.DOCKER);
    }

    @Test
    void theUrlIsUsedWhenDockerDoesNotAnswer() {
        assertThat(PostgresAvailability.decide("jdbc:postgresql://db/test", () -> false)).isEqualTo(Source.URL);
    }

    @Test
    void theChoiceIsDescribedForTheTestOutput() {
        assertThat(PostgresAvailability.describe(Source.DOCKER)).contains("Testcontainers");
        assertThat(PostgresAvailability.describe(Source.URL)).contains("GATEWAY_TEST_POSTGRES_URL");
    }

    @Test
    void withoutEitherPostgresTestsAreSkippedWithTheReason() {
        assertThat(PostgresAvailability.decide(null, () -> false)).isEqualTo(Source.NONE);
        var result = PostgresAvailability.evaluate(Source.NONE, false);
        assertThat(result.isDisabled()).isTrue();
        assertThat(result.getReason()).hasValueSatisfying(reason -> assertThat(reason).contains("GATEWAY_TEST_POSTGRES_URL"));
    }

    @Test
    void withoutEitherInCiPostgresTestsFail() {
        assertThatThrownBy(() -> PostgresAvailability.evaluate(Source.NONE, true))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageContaining("CI=true");
    }

    @Test
    void runsWhenEitherIsAvailable() {
        assertThat(PostgresAvailability.evaluate(Source.URL, true).isDisabled()).isFalse();
        assertThat(PostgresAvailability.evaluate(Source.DOCKER, true).isDisabled()).isFalse();
    }
}
