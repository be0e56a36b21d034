package com.acme.gateway.policy;

import static com.acme.gateway.Fixtures.POOL;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Weekly change windows at their edges: the start minute is inside, the end minute is outside,
 * ranges cross midnight, and both daylight-saving changes of Europe/Berlin in 2026 (29 March, clocks
 * 02:00 → 03:00; 25 October, clocks 03:00 → 02:00) keep wall-clock times.
 */
class ChangeWindowsTest {


    @ParameterizedTest(name = "{0} at {1}: open={2}, next={3}")
    @CsvSource(delimiter = '|', textBlock = """
            # window                          | now (with the local offset)  | open  | next opening
            Mon-Fri 22:00-06:00 Europe/Berlin | 2026-06-01T21:59:00+02:00    | false | 2026-06-01T22:00:00+02:00
            Mon-Fri 22:00-06:00 Europe/Berlin | 2026-06-01T22:00:00+02:00    | true  |
            Mon-Fri 22:00-06:00 Europe/Berlin | 2026-06-02T05:59:00+02:00    | true  |
            Mon-Fri 22:00-06:00 Europe/Berlin | 2026-06-02T06:00:00+02:00    | false | 2026-06-02T22:00:00+02:00
            Mon-Fri 22:00-06:00 Europe/Berlin | 2026-06-06T05:59:00+02:00    | true  |
            Mon-Fri 22:00-06:00 Europe/Berlin | 2026-06-06T06:00:00+02:00    | false | 2026-06-08T22:00:00+02:00
            Mon-Fri 22:00-06:00 Europe/Berlin | 2026-06-01T05:00:00+02:00    | false | 2026-06-01T22:00:00+02:00
            Sat 22:00-06:00 Europe/Berlin     | 2026-03-28T21:59:00+01:00    | false | 2026-03-28T22:00:00+01:00
            Sat 22:00-06:00 Europe/Berlin     | 2026-03-28T22:00:00+01:00    | true  |
            Sat 22:00-06:00 Europe/Berlin     | 2026-03-29T05:59:00+02:00    | true  |
            Sat 22:00-06:00 Europe/Berlin     | 2026-03-29T06:00:00+02:00    | false | 2026-04-04T22:00:00+02:00
            Sun 02:30-04:00 Europe/Berlin     | 2026-03-29T01:59:00+01:00    | false | 2026-03-29T03:30:00+02:00
            Sun 02:30-04:00 Europe/Berlin     | 2026-03-29T03:29:00+02:00    | false | 2026-03-29T03:30:00+02:00
            Sun 02:30-04:00 Europe/Berlin     | 2026-03-29T03:30:00+02:00    | true  |
            Sun 02:30-04:00 Europe/Berlin     | 2026-03-29T04:00:00+02:00    | false | 2026-04-05T02:30:00+02:00
            Sat 22:00-06:00 Europe/Berlin     | 2026-10-24T22:00:00+02:00    | true  |
            Sat 22:00-06:00 Europe/Berlin     | 2026-10-25T02:30:00+02:00    | true  |
            Sat 22:00-06:00 Europe/Berlin     | 2026-10-25T02:30:00+01:00    | true  |
            Sat 22:00-06:00 Europe/Berlin     | 2026-10-25T05:59:00+01:00    | true  |
            Sat 22:00-06:00 Europe/Berlin     | 2026-10-25T06:00:00+01:00    | false | 2026-10-31T22:00:00+01:00
            Sun 02:00-03:00 Europe/Berlin     | 2026-10-25T02:59:00+02:00    | true  |
            Sun 02:00-03:00 Europe/Berlin     | 2026-10-25T02:00:00+01:00    | true  |
            Sun 02:00-03:00 Europe/Berlin     | 2026-10-25T03:00:00+01:00    | false | 2026-11-01T02:00:00+01:00
            Sat,Sun 00:00-24:00 UTC           | 2026-06-06T00:00:00Z         | true  |
            Sat,Sun 00:00-24:00 UTC           | 2026-06-07T23:59:00Z         | true  |
            Sat,Sun 00:00-24:00 UTC           | 2026-06-08T00:00:00Z         | false | 2026-06-13T00:00:00Z
            Fri-Mon 08:00-17:00 UTC           | 2026-06-08T08:00:00Z         | true  |
            Fri-Mon 08:00-17:00 UTC           | 2026-06-09T08:00:00Z         | false | 2026-06-12T08:00:00Z
            """)
    void opensAtTheStartMinuteAndClosesAtTheEndMinute(String window, String now, boolean open, String next) {
        ChangeWindows windows = new ChangeWindows(List.of(parse(window)), Map.of());

        RuleCheck check = windows.check(POOL, OffsetDateTime.parse(now).toInstant()).orElseThrow();

        assertThat(check.passed()).isEqualTo(open);
        assertThat(check.reason().rule()).isEqualTo("window");
        if (open) {
            assertThat(check.reason().detail()).isEqualTo("inside the change window " + window);
        } else {
            assertThat(check.reason().detail()).endsWith("; the next window opens at " + next);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            Mon-Fri 22:00-06:00                | must look like
            Mon-Fri 22:00-06:00 Europe/Atlantis | unknown time zone 'Europe/Atlantis'
            Mon-Fri 25:00-06:00 Europe/Berlin  | times must be HH:MM
            Mon-Fri 22:00-06:60 Europe/Berlin  | times must be HH:MM
            Mon-Fri 22:00-22:00 Europe/Berlin  | start and end are equal
            Mon-Fry 22:00-06:00 Europe/Berlin  | unknown days 'Mon-Fry'
            """)
    void explainsWhatIsWrongWithAWindow(String text, String error) {
        assertThat(WeeklyWindow.parse(text).error()).startsWith(error);
    }

    @ParameterizedTest
    @CsvSource({"2026-06-06T10:00:00Z, true", "2026-06-01T10:00:00Z, false"})
    void aPoolWithItsOwnWindowsIgnoresTheTeamWideOnes(String now, boolean open) {
        String other = "5f1d2c3b-4a59-4e6f-8a7b-9c0d1e2f3a4b";
        ChangeWindows windows = new ChangeWindows(List.of(parse("Mon-Fri 08:00-18:00 UTC")),
                Map.of(POOL, List.of(parse("Sat 08:00-18:00 UTC"))));

        assertThat(windows.check(POOL, Instant.parse(now)).map(RuleCheck::passed)).contains(open);
        assertThat(windows.check(other, Instant.parse(now)).map(RuleCheck::passed)).contains(!open);
        assertThat(ChangeWindows.NONE.check(POOL, Instant.parse(now))).isEqualTo(Optional.empty());
    }

    private static WeeklyWindow parse(String text) {
        return java.util.Objects.requireNonNull(WeeklyWindow.parse(text).window(), text);
    }
}
