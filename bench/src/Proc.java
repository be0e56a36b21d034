import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Linux process figures from /proc: CPU time (user + system) and resident set size. */
final class Proc {

    private static final double MILLIS_PER_TICK = 1000.0 / clockTicksPerSecond();

    private Proc() {
    }

    static long cpuTicks(long pid) {
        return cpuOf(read(Path.of("/proc", Long.toString(pid), "stat")));
    }

    /** User + system ticks of a {@code /proc/…/stat} line. */
    private static long cpuOf(String stat) {
        // fields after the command name, which may itself contain spaces: state is field 3, utime 14, stime 15
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /**
     * CPU ticks of the JIT compiler threads alive now. A compiler thread that ends takes its ticks
     * with it, so a difference of two samples can only understate the compilers' share.
     */
    static long compilerTicks(long pid) {
        long ticks = 0;
        try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks.toList()) {
                try {
                    if (Files.readString(task.resolve("comm")).matches("C[12] CompilerThre.*\\s*")) {
                        ticks += cpuOf(Files.readString(task.resolve("stat")));
                    }
                } catch (IOException e) {
                    // the thread ended while we looked
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ticks;
    }

    /**
     * CPU ticks of every process named {@code comm} now (the bench's PostgreSQL: its server and the
     * backends of the gateway's pooled connections, which live through a window).
     */
    static long commTicks(String comm) {
        long ticks = 0;
        try (var processes = Files.list(Path.of("/proc"))) {
            for (Path process : processes.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    if (Files.readString(process.resolve("comm")).strip().equals(comm)) {
                        ticks += cpuOf(Files.readString(process.resolve("stat")));
                    }
                } catch (IOException e) {
                    // the process ended while we looked
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ticks;
    }

    /** The machine's CPU ticks since boot: {busy, total} (idle and I/O wait are not busy). */
    static long[] machineTicks() {
        String[] cpu = read(Path.of("/proc/stat")).lines().findFirst().orElseThrow().trim().split("\\s+");
        long total = 0;
        for (int i = 1; i < Math.min(cpu.length, 9); i++) { // user nice system idle iowait irq softirq steal
            total += Long.parseLong(cpu[i]);
        }
        long idle = Long.parseLong(cpu[4]) + Long.parseLong(cpu[5]);
        return new long[] {total - idle, total};
    }

    static double ticksToMillis(long ticks) {
        return ticks * MILLIS_PER_TICK;
    }

    static long rssKib(long pid) {
        for (String line : read(Path.of("/proc", Long.toString(pid), "status")).split("\n")) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmRSS for process " + pid);
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long clockTicksPerSecond() {
        try {
            var process = new ProcessBuilder("getconf", "CLK_TCK").start();
            return Long.parseLong(new String(process.getInputStream().readAllBytes()).trim());
        } catch (IOException | RuntimeException e) {
            return 100;
        }
    }
}
