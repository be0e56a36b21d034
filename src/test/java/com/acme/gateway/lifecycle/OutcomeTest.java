package com.acme.gateway.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class OutcomeTest {

    @ParameterizedTest
    @EnumSource(Outcome.class)
    void storedValueIsTheLowerCaseNameAndReadsBack(Outcome outcome) {
        assertThat(outcome.value()).isEqualTo(outcome.name().toLowerCase(java.util.Locale.ROOT));
        assertThat(Outcome.fromValue(outcome.value())).isSameAs(outcome);
    }

    @Test
    void rejectsAnUnknownStoredValue() {
        assertThatIllegalArgumentException().isThrownBy(() -> Outcome.fromValue("SUBMITTED"));
    }
}
