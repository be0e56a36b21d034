package com.acme.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PageRequestTest {

    @ParameterizedTest
    @CsvSource({"-1, 10", "0, 0", "0, 101", "0, -5"})
    void rejectsNegativePagesAndSizesOutsideOneToHundred(int page, int size) {
        assertThatIllegalArgumentException().isThrownBy(() -> new PageRequest(page, size));
    }

    @ParameterizedTest
    @CsvSource({"0, 1, 0", "0, 100, 0", "3, 25, 75", "2147483647, 100, 214748364700"})
    void offsetIsPageTimesSizeWithoutOverflow(int page, int size, long offset) {
        assertThat(new PageRequest(page, size).offset()).isEqualTo(offset);
    }
}
