import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Closed- and open-loop load on one target. Open loop is free of coordinated omission: request i is
 * due at {@code start + i / rate} whatever happened before, and its latency is counted from that
 * intended time, so a stall shows up in every request that should have been sent during it.
 */
final class Load {

    /**
     * Where requests go: its port, the prepared request bytes, the process whose CPU is counted, its
     * GC log ({@code null} when there is none) and whether the local PostgreSQL serves it (its CPU is
     * then counted too).
     */
    record Target(String name, int port, byte[] request, long pid, Path gcLog, boolean postgres) {
    }

    /** One measured window. Latencies in microseconds; {@code gc} null when the target has no GC log. */
    record Result(String target, String phase, double seconds, long ok, long errors, Map<Integer, Long> statuses,
            Histogram latency, double cpuMsPerRequest, double jitMsPerRequest, double loadCpuMsPerRequest,
            double postgresCpuMsPerRequest, double machineBusy, GcLog.Pauses gc) {

        double throughput() {
            return ok / seconds;
        }

        double millis(double percentile) {
            return latency.getTotalCount() == 0 ? Double.NaN : latency.getValueAtPercentile(percentile) / 1000.0;
        }

        String line() {
            return String.format("%-10s %-12s %8.0f req/s  ok %7d  errors %5d  p50 %7.2f  p99 %7.2f  p99.9 %7.2f  max %8.2f ms"
                            + "  cpu %.3f ms/req (JIT %.3f, load client %.3f%s)  machine %.0f %% busy%s%s",
                    target, phase, throughput(), ok, errors, millis(50), millis(99), millis(99.9),
                    latency.getTotalCount() == 0 ? Double.NaN : latency.getMaxValue() / 1000.0, cpuMsPerRequest,
                    jitMsPerRequest, loadCpuMsPerRequest,
                    Double.isNaN(postgresCpuMsPerRequest) ? "" : String.format(", PostgreSQL %.3f", postgresCpuMsPerRequest),
                    machineBusy * 100, gc == null ? "" : "  gc: " + gc.summary(),
                    errors == 0 ? "" : "  statuses " + statuses);
        }

        void save(Path dir) throws IOException {
            try (var out = new java.io.PrintStream(Files.newOutputStream(dir.resolve(target + "-" + phase + ".hgrm")))) {
                latency.outputPercentileDistribution(out, 1000.0);
            }
        }
    }

    private static final long MAX_CONNECTIONS = 1024;
    /** Pooled connections unused for longer are closed, not reused: well under the servers' keep-alive timeouts. */
    private static final long MAX_IDLE_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final long DRAIN_NANOS = TimeUnit.SECONDS.toNanos(20);

    private Load() {
    }

    /** {@code connections} connections each sending its next request as soon as the last is answered. */
    static Result closed(Target target, int connections, double warmupSeconds, double measureSeconds)
            throws InterruptedException {
        var window = new Window(target, warmupSeconds, measureSeconds);
        var threads = new Thread[connections];
        for (int c = 0; c < connections; c++) {
            threads[c] = Thread.ofVirtual().start(() -> {
                Http1 connection = null;
                while (System.nanoTime() < window.end) {
                    long sent = System.nanoTime();
                    try {
                        if (connection == null || !connection.isOpen()) {
                            connection = new Http1(target.port());
                        }
                        int status = connection.exchange(target.request());
                        window.record(sent, sent, System.nanoTime(), status);
                    } catch (IOException | RuntimeException e) {
                        window.record(sent, sent, System.nanoTime(), -1);
                        if (connection != null) {
                            connection.close();
                        }
                        connection = null;
                    }
                }
                if (connection != null) {
                    connection.close();
                }
            });
        }
        window.sampleCpu();
        for (Thread thread : threads) {
            thread.join();
        }
        return window.result("closed-" + connections);
    }

    /** Sends at a fixed rate whatever the answers do; latency from each request's intended send time. */
    static Result open(Target target, int rate, double warmupSeconds, double measureSeconds)
            throws InterruptedException {
        var window = new Window(target, warmupSeconds, measureSeconds);
        var idle = new ConcurrentLinkedDeque<Http1>();
        var permits = new Semaphore((int) MAX_CONNECTIONS);
        var inFlight = new AtomicLong();
        double period = 1e9 / rate;
        var dispatcher = Thread.ofPlatform().start(() -> {
            try (ExecutorService requests = Executors.newVirtualThreadPerTaskExecutor()) {
                for (long i = 0; ; i++) {
                    long intended = window.start + (long) (i * period);
                    if (intended >= window.end) {
                        break;
                    }
                    for (long now = System.nanoTime(); now < intended; now = System.nanoTime()) {
                        LockSupport.parkNanos(intended - now);
                    }
                    inFlight.incrementAndGet();
                    requests.execute(() -> {
                        Http1 connection = null;
                        try {
                            permits.acquire();
                            connection = idle.poll();
                            while (connection != null && connection.idleLongerThan(MAX_IDLE_NANOS)) {
                                connection.close();
                                connection = idle.poll();
                            }
                            if (connection == null) {
                                connection = new Http1(target.port());
                            }
                            int status = connection.exchange(target.request());
                            window.record(intended, intended, System.nanoTime(), status);
                            if (connection.isOpen()) {
                                connection.idle();
                                idle.push(connection);
                            }
                        } catch (IOException | RuntimeException | InterruptedException e) {
                            window.record(intended, intended, System.nanoTime(), -1);
                            if (connection != null) {
                                connection.close();
                            }
                        } finally {
                            permits.release();
                            inFlight.decrementAndGet();
                        }
                    });
                }
                // wait for the last answers, but not forever: an unanswered request is simply not counted as ok
                long giveUp = System.nanoTime() + DRAIN_NANOS;
                while (inFlight.get() > 0 && System.nanoTime() < giveUp) {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
                }
                requests.shutdownNow();
            }
        });
        window.sampleCpu();
        dispatcher.join();
        idle.forEach(Http1::close);
        return window.result("open-" + rate);
    }

    /** Warm-up then a measured window; records only what was (meant to be) sent inside the window. */
    private static final class Window {
        private final Target target;
        private final long start;
        private final long measureStart;
        private final long end;
        /** The window's start on the wall clock, which the GC log's time stamps use. */
        private final long measureStartMillis;
        private final Recorder recorder = new Recorder(3);
        private final AtomicLong ok = new AtomicLong();
        private final AtomicLong errors = new AtomicLong();
        private final Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
        private long cpuTicks;
        private long jitTicks;
        private long loadCpuTicks;
        private long postgresTicks;
        private double machineBusy;

        Window(Target target, double warmupSeconds, double measureSeconds) {
            this.target = target;
            this.start = System.nanoTime();
            this.measureStart = start + (long) (warmupSeconds * 1e9);
            this.end = measureStart + (long) (measureSeconds * 1e9);
            this.measureStartMillis = System.currentTimeMillis() + (measureStart - System.nanoTime()) / 1_000_000;
        }

        void record(long intended, long sent, long answered, int status) {
            if (intended < measureStart || intended >= end) {
                return;
            }
            statuses.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
            if (status >= 200 && status < 300) {
                ok.incrementAndGet();
                recorder.recordValue(Math.max(0, (answered - intended) / 1000));
            } else {
                errors.incrementAndGet();
            }
        }

        /** CPU ticks of the target, its PostgreSQL and this process over the measured window, and the machine's busy share. */
        void sampleCpu() throws InterruptedException {
            sleepUntil(measureStart);
            long targetBefore = Proc.cpuTicks(target.pid());
            long jitBefore = Proc.compilerTicks(target.pid());
            long selfBefore = Proc.cpuTicks(ProcessHandle.current().pid());
            long postgresBefore = target.postgres() ? Proc.commTicks("postgres") : 0;
            long[] machineBefore = Proc.machineTicks();
            sleepUntil(end);
            cpuTicks = Proc.cpuTicks(target.pid()) - targetBefore;
            jitTicks = Math.max(0, Proc.compilerTicks(target.pid()) - jitBefore);
            loadCpuTicks = Proc.cpuTicks(ProcessHandle.current().pid()) - selfBefore;
            postgresTicks = target.postgres() ? Math.max(0, Proc.commTicks("postgres") - postgresBefore) : -1;
            long[] machine = Proc.machineTicks();
            machineBusy = (machine[0] - machineBefore[0]) / (double) Math.max(1, machine[1] - machineBefore[1]);
        }

        Result result(String phase) {
            Map<Integer, Long> counts = new TreeMap<>();
            statuses.forEach((status, count) -> counts.put(status, count.get()));
            long requests = Math.max(1, ok.get() + errors.get());
            return new Result(target.name(), phase, (end - measureStart) / 1e9, ok.get(), errors.get(), counts,
                    recorder.getIntervalHistogram(), Proc.ticksToMillis(cpuTicks) / requests,
                    Proc.ticksToMillis(jitTicks) / requests,
                    Proc.ticksToMillis(loadCpuTicks) / requests,
                    postgresTicks < 0 ? Double.NaN : Proc.ticksToMillis(postgresTicks) / requests, machineBusy,
                    GcLog.between(target.gcLog(), measureStartMillis, measureStartMillis + (end - measureStart) / 1_000_000));
        }

        private static void sleepUntil(long deadline) throws InterruptedException {
            for (long now = System.nanoTime(); now < deadline; now = System.nanoTime()) {
                TimeUnit.NANOSECONDS.sleep(Math.min(deadline - now, 50_000_000));
            }
        }
    }
}
