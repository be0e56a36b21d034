import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The gateway's collections inside a measured window, read from its {@code -Xlog:gc} file: a full
 * collection in a short window decides its p99 on its own, so every window reports its pauses.
 */
final class GcLog {

    /** {@code [1765036800123ms] GC(12) Pause Young (Allocation Failure) 86M->53M(123M) 5.969ms}, logged as the pause ends. */
    private static final Pattern PAUSE = Pattern.compile("^\\[(\\d+)ms\\] GC\\(\\d+\\) Pause (Young|Full) .* ([0-9.]+)ms$");

    /** Collections that ended inside the window. Times in milliseconds. */
    record Pauses(int young, double longestYoung, int full, double longestFull) {

        String summary() {
            return String.format(Locale.ROOT, "%d young (longest %.1f ms), %d full%s", young, longestYoung, full,
                    full == 0 ? "" : String.format(Locale.ROOT, " (longest %.0f ms)", longestFull));
        }
    }

    private GcLog() {
    }

    /** The JVM option that writes the log this class reads. */
    static String option(Path file) {
        return "-Xlog:gc:file=" + file + ":timemillis";
    }

    /** The collections that ended in {@code [fromMillis, toMillis)}; null without a log (the stub). */
    static Pauses between(Path file, long fromMillis, long toMillis) {
        if (file == null || !Files.exists(file)) {
            return null;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int young = 0;
        int full = 0;
        double longestYoung = 0;
        double longestFull = 0;
        for (String line : lines) {
            var pause = PAUSE.matcher(line);
            if (!pause.matches()) {
                continue;
            }
            long at = Long.parseLong(pause.group(1));
            if (at < fromMillis || at >= toMillis) {
                continue;
            }
            double millis = Double.parseDouble(pause.group(3));
            if (pause.group(2).equals("Young")) {
                young++;
                longestYoung = Math.max(longestYoung, millis);
            } else {
                full++;
                longestFull = Math.max(longestFull, millis);
            }
        }
        return new Pauses(young, longestYoung, full, longestFull);
    }
}
