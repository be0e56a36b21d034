package com.acme.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AuditIdsTest {

    static final Instant T0 = Instant.parse("2026-12-06T10:00:00.123456Z");

    @Test
    void isAVersion7UuidThatStartsWithItsCreationTimeInMilliseconds() {
        UUID id = AuditIds.at(T0);

        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(T0.toEpochMilli());
        assertThat(id.toString()).startsWith(String.format("%08x-%04x-7", T0.toEpochMilli() >>> 16, T0.toEpochMilli() & 0xFFFF));
    }

    @Test
    void idsOfTheSameMillisecondDifferInTheirRandomBits() {
        Set<UUID> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            ids.add(AuditIds.at(T0));
        }

        assertThat(ids).hasSize(10_000);
    }
}
