package com.acme.gateway.policy;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One weekly change window such as {@code Mon-Fri 22:00-06:00 Europe/Berlin}: it opens on each of
 * the listed days at the start time and closes at the end time, on the next day when the end is not
 * after the start. Times are wall-clock times in the zone; a start inside a daylight-saving gap opens
 * when the clocks have jumped (02:30 on the spring-forward night opens at 03:30), and a time that
 * occurs twice in autumn means its first occurrence.
 */
record WeeklyWindow(String text, Set<DayOfWeek> days, LocalTime start, LocalTime end, boolean endsAtMidnight,
        ZoneId zone) {

    private static final Pattern FORM = Pattern.compile("(\\S+) (\\d{2}):(\\d{2})-(\\d{2}):(\\d{2}) (\\S+)");
    private static final List<String> DAY_NAMES = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");
    static final String FORMAT = "must look like 'Mon-Fri 22:00-06:00 Europe/Berlin' (days: Mon..Sun, ranges "
            + "and lists such as Mon-Wed,Fri; times HH:MM, end 24:00 allowed; an IANA time zone)";

    /** The window, or an error message saying what is wrong with the text. */
    static Parsed parse(String text) {
        Matcher m = FORM.matcher(text.strip());
        if (!m.matches()) {
            return new Parsed(null, FORMAT);
        }
        Set<DayOfWeek> days = days(m.group(1));
        if (days == null) {
            return new Parsed(null, "unknown days '" + m.group(1) + "': use Mon..Sun, ranges such as Fri-Mon and lists such as Mon,Wed");
        }
        LocalTime start = time(m.group(2), m.group(3), false);
        LocalTime end = time(m.group(4), m.group(5), true);
        if (start == null || end == null) {
            return new Parsed(null, "times must be HH:MM between 00:00 and 23:59 (the end may be 24:00)");
        }
        boolean endsAtMidnight = "24".equals(m.group(4));
        if (start.equals(end) && !endsAtMidnight) {
            return new Parsed(null, "start and end are equal: the window would be empty (use 00:00-24:00 for a whole day)");
        }
        ZoneId zone;
        try {
            zone = ZoneId.of(m.group(6));
        } catch (DateTimeException e) {
            return new Parsed(null, "unknown time zone '" + m.group(6) + "': use an IANA name such as Europe/Berlin or UTC");
        }
        return new Parsed(new WeeklyWindow(text.strip(), days, start, end, endsAtMidnight, zone), null);
    }

    /** A parsed window, or the reason the text is not one. */
    record Parsed(@Nullable WeeklyWindow window, @Nullable String error) {
    }

    /** The occurrence that contains {@code now}, if the window is open. */
    boolean contains(Instant now) {
        LocalDate today = now.atZone(zone).toLocalDate();
        for (LocalDate day = today.minusDays(1); !day.isAfter(today); day = day.plusDays(1)) {
            if (days.contains(day.getDayOfWeek()) && !opens(day).isAfter(now) && now.isBefore(closes(day))) {
                return true;
            }
        }
        return false;
    }

    /** The first opening strictly after {@code now}, in the window's zone. */
    Optional<ZonedDateTime> nextOpening(Instant now) {
        LocalDate today = now.atZone(zone).toLocalDate();
        for (LocalDate day = today; day.isBefore(today.plusDays(9)); day = day.plusDays(1)) {
            if (days.contains(day.getDayOfWeek()) && opensAt(day).toInstant().isAfter(now)) {
                return Optional.of(opensAt(day));
            }
        }
        return Optional.empty();
    }

    private Instant opens(LocalDate day) {
        return opensAt(day).toInstant();
    }

    private ZonedDateTime opensAt(LocalDate day) {
        return ZonedDateTime.of(day, start, zone);
    }

    private Instant closes(LocalDate day) {
        LocalDate last = endsAtMidnight || !end.isAfter(start) ? day.plusDays(1) : day;
        return ZonedDateTime.of(last, endsAtMidnight ? LocalTime.MIDNIGHT : end, zone).toInstant();
    }

    private static @Nullable Set<DayOfWeek> days(String text) {
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String part : text.toLowerCase(Locale.ROOT).split(",", -1)) {
            String[] bounds = part.split("-", -1);
            if (bounds.length > 2) {
                return null;
            }
            int from = DAY_NAMES.indexOf(bounds[0]);
            int to = DAY_NAMES.indexOf(bounds[bounds.length - 1]);
            if (from < 0 || to < 0) {
                return null;
            }
            for (int i = from; ; i = (i + 1) % 7) {
                days.add(DayOfWeek.of(i + 1));
                if (i == to) {
                    break;
                }
            }
        }
        return days;
    }

    private static @Nullable LocalTime time(String hours, String minutes, boolean end) {
        int h = Integer.parseInt(hours);
        int m = Integer.parseInt(minutes);
        if (end && h == 24 && m == 0) {
            return LocalTime.MIDNIGHT;
        }
        return h < 24 && m < 60 ? LocalTime.of(h, m) : null;
    }
}
