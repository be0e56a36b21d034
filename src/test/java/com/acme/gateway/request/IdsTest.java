package com.acme.gateway.request;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The hand-written checks accept exactly what the regular expressions of the request annotations accept. */
class IdsTest {

    /** Characters on and around every boundary of both expressions, a line end and non-ASCII ones. */
    private static final char[] ALPHABET = "09afAF/:@`gG-_ zZ\n\u00e9\u0660\uff10".toCharArray();

    @Test
    void uuidsAsTheExpressionSaysAndNothingElse() {
        assertThat(Ids.isUuid("a130ab3a-72bf-4b71-baa9-af4987c8e338")).isTrue();
        assertThat(Ids.isUuid("A130AB3A-72BF-4B71-BAA9-AF4987C8E338")).isTrue();
        assertThat(Ids.isUuid("a130ab3a-72bf-4b71-baa9-af4987c8e338\n")).isFalse();
        assertThat(Ids.isUuid("a130ab3a72bf-4b71-baa9-af4987c8e338-")).isFalse();
        for (String value : samples(36, 50_000)) {
            assertThat(Ids.isUuid(value)).as(value).isEqualTo(value.matches(Ids.UUID));
        }
    }

    @Test
    void taskIdsAsTheExpressionSaysAndNothingElse() {
        assertThat(Ids.isTaskId("0f3c-task-ID")).isTrue();
        assertThat(Ids.isTaskId("")).isFalse();
        assertThat(Ids.isTaskId("a".repeat(64))).isTrue();
        assertThat(Ids.isTaskId("a".repeat(65))).isFalse();
        assertThat(Ids.isTaskId("task\n")).isFalse();
        for (String value : samples(64, 50_000)) {
            assertThat(Ids.isTaskId(value)).as(value).isEqualTo(value.matches(Ids.TASK_ID));
        }
    }

    /** UUIDs with and without dashes, grown to around {@code length}, some characters replaced, some cut short. */
    private static List<String> samples(int length, int count) {
        var random = new Random(42);
        var samples = new ArrayList<String>();
        for (int i = 0; i < count; i++) {
            String uuid = UUID.randomUUID().toString();
            var value = new StringBuilder(i % 2 == 0 ? uuid : uuid.replace("-", ""));
            int target = length - 1 + random.nextInt(3);
            while (value.length() < target) {
                value.append(uuid.charAt(random.nextInt(uuid.length())));
            }
            for (int change = random.nextInt(3); change > 0; change--) {
                value.setCharAt(random.nextInt(value.length()), ALPHABET[random.nextInt(ALPHABET.length)]);
            }
            if (random.nextInt(10) == 0) {
                value.setLength(random.nextInt(value.length() + 1));
            }
            samples.add(value.toString());
        }
        return samples;
    }
}
