package com.acme.gateway.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdempotencyKeysTest {

    @ParameterizedTest
    @ValueSource(strings = {"6f1c2a1e-8d4b-4a7e-9c55-0b7d3f2e9a10", "a", "order:2026-03-01.42_retry", "Z9"})
    void acceptsKeysOfLettersDigitsAndDotUnderscoreColonDash(String key) {
        assertThat(IdempotencyKeys.isValid(key)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "has space", "a/b", "%2F", "line\nbreak", "ключ", "key;drop", "a\u0000b"})
    void rejectsEmptyKeysAndAnyOtherCharacter(String key) {
        assertThat(IdempotencyKeys.isValid(key)).isFalse();
    }

    @Test
    void acceptsAtMost255Characters() {
        assertThat(IdempotencyKeys.isValid("k".repeat(255))).isTrue();
        assertThat(IdempotencyKeys.isValid("k".repeat(256))).isFalse();
    }

    @Test
    void fingerprintIsSha256OfPoolZeroByteAndBody() {
        // printf 'p\0{"a":1}' | sha256sum
        assertThat(IdempotencyKeys.fingerprint("p", "{\"a\":1}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("1f6ab31a7e590d71fd0690a98aa97ebbc53bae87edf3eb68f32bc627438fb1db");
    }

    @Test
    void separatorKeepsPoolAndBodyApart() {
        assertThat(IdempotencyKeys.fingerprint("ab", "c".getBytes(StandardCharsets.UTF_8)))
                .isNotEqualTo(IdempotencyKeys.fingerprint("a", "bc".getBytes(StandardCharsets.UTF_8)));
    }
}
