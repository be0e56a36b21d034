import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The whole benchmark in one run, everything on loopback: the stub alone (the floor), then the
 * gateway jar with the embedded H2 default and with PostgreSQL, then start-up with and without a
 * JDK AOT cache. Prints the figures and writes them, the latency histograms and a chart to the
 * results directory. Run it through {@code bench/run}, which builds what it needs.
 */
public final class Bench {

    static final String PROJECT_ID = "0bec5db98280d2d02fd6c00c2de791ce";
    static final String POOL = "a130ab3a-72bf-4b71-baa9-af4987c8e338";
    static final String SCRIPT = "0006e69f-5970-4af5-a652-e111055e630b";
    static final String DESKTOP = "00298bb0-104a-4467-9b15-876c6fb7a99f";
    static final String API_KEY = "bench-key-0000000000000001";
    static final int[] RATES = {100, 500, 1000};
    static final int[] CONNECTIONS = {8, 32};
    private static final Pattern STARTED = Pattern.compile("Started \\w+ in ([0-9.]+) seconds \\(process running for ([0-9.]+)\\)");
    private static final byte[] BODY = ("{\"script_ids\":[\"" + SCRIPT + "\"],\"desktop_ids\":[\"" + DESKTOP + "\"]}")
            .getBytes(StandardCharsets.US_ASCII);

    private final Options options;
    private final Path work;
    private final Map<String, Map<String, String>> figures = new LinkedHashMap<>();
    private final List<Load.Result> results = new ArrayList<>();

    private Bench(Options options) throws IOException {
        this.options = options;
        this.work = Files.createTempDirectory("gateway-bench-");
    }

    public static void main(String[] args) throws Exception {
        var bench = new Bench(Options.parse(args));
        try {
            bench.run();
        } finally {
            bench.cleanUp();
        }
    }

    private void run() throws Exception {
        Files.createDirectories(options.out);
        say("jar %s, JVM options for the gateway: %s", options.jar, options.jvmOptions.isEmpty() ? "(none)" : String.join(" ", options.jvmOptions));
        Path policy = work.resolve("policy.yaml");
        Files.writeString(policy, policy());
        try (var stub = Started.stub(options, work)) {
            say("stub upstream on port %d (pid %d)", stub.port, stub.process.pid());
            var direct = new Load.Target("stub", stub.port, Http1.request("POST",
                    "/v2/" + PROJECT_ID + "/desktop-pools/" + POOL + "/script-executions", stub.port, Map.of(), BODY),
                    stub.process.pid(), null, false);
            measure(direct, Map.of());

            try {
                Path h2 = Files.createDirectories(work.resolve("h2"));
                try (var gateway = Started.gateway(options, h2, policy, stub.port, List.of())) {
                    measure(gatewayTarget("gateway-h2", gateway, false), gateway.startup());
                    rss("gateway-h2", gateway);
                    fileSize("gateway-h2", h2.resolve("data/gateway.mv.db"));
                }
                if (options.postgresUrl != null) {
                    postgres(policy, stub.port);
                }
                startups(policy, stub.port);
            } finally {
                report();
            }
        }
    }

    private void postgres(Path policy, int stubPort) throws Exception {
        String schema = "bench_" + Long.toString(System.currentTimeMillis(), 36);
        try {
            Path pg = Files.createDirectories(work.resolve("pg"));
            String url = options.postgresUrl + (options.postgresUrl.contains("?") ? "&" : "?")
                    + "currentSchema=" + schema + "&options=" + URLEncoder.encode("-c synchronous_commit=on", StandardCharsets.UTF_8);
            try (var gateway = Started.gateway(options, pg, policy, stubPort, List.of(
                    "--spring.datasource.url=" + url, "--spring.flyway.schemas=" + schema))) {
                measure(gatewayTarget("gateway-pg", gateway, isLocal(options.postgresUrl)), gateway.startup());
                rss("gateway-pg", gateway);
            }
        } finally {
            dropSchema(schema);
        }
    }

    private Load.Target gatewayTarget(String name, Started gateway, boolean localPostgres) {
        return new Load.Target(name, gateway.port, Http1.request("POST", "/api/v1/pools/" + POOL + "/script-executions",
                gateway.port, Map.of("X-API-Key", API_KEY), BODY), gateway.process.pid(), gateway.gcLog, localPostgres);
    }

    /** Whether the database runs on this machine, so that its processes' CPU can be counted. */
    private static boolean isLocal(String url) {
        return url.matches("jdbc:postgresql://(127\\.0\\.0\\.1|localhost|\\[::1\\])[:/].*");
    }

    /** Warm-up, closed loop at each connection count, then each open-loop rate. */
    private void measure(Load.Target target, Map<String, String> startup) throws Exception {
        figures.computeIfAbsent(target.name(), t -> new LinkedHashMap<>()).putAll(startup);
        say("%s: warm-up %.0f s", target.name(), options.seconds(target.name().equals("stub") ? 10 : 60));
        show(Load.closed(target, 8, 0, options.seconds(target.name().equals("stub") ? 10 : 60)));
        for (int connections : CONNECTIONS) {
            keep(Load.closed(target, connections, options.seconds(3), options.seconds(20)));
        }
        // other work on the machine skews every figure: keep the load average next to them
        figures.get(target.name()).put("load_avg", Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        if (options.profile && !target.name().equals("stub")) {
            profile(target);
        }
        for (int rate : RATES) {
            keep(Load.open(target, rate, options.seconds(3), options.seconds(15)));
        }
    }

    /** async-profiler (itimer) over a closed loop of 8 connections; flame graph and collapsed stacks. */
    private void profile(Load.Target target) throws Exception {
        double seconds = options.seconds(20);
        for (String format : List.of("collapsed", "flamegraph")) {
            Path file = options.out.resolve(target.name() + "-profile." + (format.equals("flamegraph") ? "html" : "collapsed.txt"));
            var profiler = new ProcessBuilder(options.java.toString(), "-jar", options.apLoader.toString(), "profiler",
                    "-e", "itimer", "-d", Long.toString((long) seconds), "-o", format, "-f", file.toAbsolutePath().toString(),
                    Long.toString(target.pid())).inheritIO().start();
            say("%s: profiling %.0f s (%s)", target.name(), seconds, format);
            Load.closed(target, 8, 0, seconds + 1);
            profiler.waitFor(30, TimeUnit.SECONDS);
            say("%s: wrote %s", target.name(), file);
            if (format.equals("collapsed") && Files.exists(file)) {
                Files.writeString(options.out.resolve(target.name() + "-profile.md"),
                        Profiles.summary(file, target.name() + ", closed loop, 8 connections (" + options.label + ")"));
            }
        }
    }

    private void rss(String name, Started gateway) {
        figures.get(name).put("rss_mib", String.format(Locale.ROOT, "%.0f", Proc.rssKib(gateway.process.pid()) / 1024.0));
        say("%s: RSS after the load %s MiB", name, figures.get(name).get("rss_mib"));
    }

    /** The embedded database's file after the load: it once grew by a chunk per request (BENCHMARKS.md, sessions 20–21). */
    private void fileSize(String name, Path file) throws IOException {
        figures.get(name).put("db_file_mib", String.format(Locale.ROOT, "%.0f", Files.size(file) / 1048576.0));
        say("%s: H2 file after the load %s MiB", name, figures.get(name).get("db_file_mib"));
    }

    /** Start → ready of the jar as built, of the extracted jar, and of the extracted jar with a JDK AOT cache. */
    private void startups(Path policy, int stubPort) throws Exception {
        Path extracted = work.resolve("extracted");
        run(List.of(options.java.toString(), "-Djarmode=tools", "-jar", options.jar.toString(), "extract",
                "--destination", extracted.toString()), work, extracted);
        Path app = extracted.resolve(options.jar.getFileName());
        Path cache = work.resolve("gateway.aot");
        Path training = Files.createDirectories(work.resolve("training"));
        say("AOT cache: training run");
        var trainingOptions = new ArrayList<>(options.jvmOptions);
        trainingOptions.addAll(List.of("-XX:AOTCacheOutput=" + cache, "-Dspring.context.exit=onRefresh"));
        run(Started.command(options.java, trainingOptions, app, policy, stubPort, List.of()), training, cache);
        var variants = new LinkedHashMap<String, List<String>>();
        variants.put("jar", List.of());
        variants.put("extracted", List.of());
        variants.put("extracted+aot", List.of("-XX:AOTCache=" + cache));
        for (int round = 1; round <= options.startupRounds; round++) {
            for (var variant : variants.entrySet()) {
                Path dir = Files.createDirectories(work.resolve("startup-" + variant.getKey() + "-" + round));
                var jvm = new ArrayList<>(options.jvmOptions);
                jvm.addAll(variant.getValue());
                Path jar = variant.getKey().equals("jar") ? options.jar : app;
                try (var gateway = Started.start(options.java, jvm, jar, dir, policy, stubPort, List.of(), null)) {
                    var startup = gateway.startup();
                    say("start-up %-14s ready after %s s (Spring: started in %s s, process running for %s s)",
                            variant.getKey(), startup.get("ready_s"), startup.get("started_s"), startup.get("jvm_s"));
                    figures.computeIfAbsent("startup-" + variant.getKey(), k -> new LinkedHashMap<>())
                            .merge("ready_s", startup.get("ready_s"), (a, b) -> a + " / " + b);
                }
            }
        }
    }

    private void report() throws IOException {
        var table = Report.markdown(options, figures, results);
        Files.writeString(options.out.resolve("results.md"), table);
        Files.writeString(options.out.resolve("latency.svg"), Report.chart(results, options.label));
        for (var result : results) {
            result.save(options.out);
        }
        System.out.println();
        System.out.println(table);
        say("wrote %s", options.out.toAbsolutePath());
    }

    private void show(Load.Result result) {
        say("  (warm-up) %s", result.line());
    }

    private void keep(Load.Result result) {
        results.add(result);
        say("  %s", result.line());
    }

    private void dropSchema(String schema) {
        try (var connection = DriverManager.getConnection(options.postgresUrl)) {
            connection.createStatement().execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (SQLException e) {
            say("could not drop PostgreSQL schema %s: %s", schema, e.getMessage());
        }
    }

    /** Runs a command to its end; it succeeded when it made {@code product}. */
    private static void run(List<String> command, Path dir, Path product) throws IOException, InterruptedException {
        var process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("output.txt").toFile()).start();
        if (!process.waitFor(10, TimeUnit.MINUTES) || !Files.exists(product)) {
            process.destroyForcibly();
            throw new IllegalStateException("failed: " + String.join(" ", command) + "\n"
                    + Started.tail(dir.resolve("output.txt")));
        }
    }

    private void cleanUp() throws IOException {
        if (options.keep) {
            say("kept the work directory %s", work);
            return;
        }
        try (var paths = Files.walk(work)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    private static String policy() {
        return """
                # bench only: one team, the rate limit out of the way
                teams:
                  bench:
                    api-keys:
                      - { id: bench, sha256: "%s" }
                    pools: ["%s"]
                    scripts: ["%s"]
                    max-desktops: 50
                    canary-required-above: 10
                    max-execution-timeout: 30
                    rate-limit: { requests: 1000000, per: 1s }
                """.formatted(sha256(API_KEY), POOL, SCRIPT);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static void say(String format, Object... args) {
        System.out.println("[bench " + java.time.LocalTime.now().withNano(0) + "] " + String.format(Locale.ROOT, format, args));
    }

    /** Command-line options; see bench/run. */
    record Options(Path java, Path jar, Path out, String label, List<String> jvmOptions, String postgresUrl,
            Path apLoader, boolean profile, double scale, int startupRounds, boolean keep) {

        static Options parse(String[] args) {
            Map<String, String> values = new LinkedHashMap<>();
            for (int i = 0; i < args.length; i += 2) {
                values.put(args[i].replaceFirst("^--", ""), args[i + 1]);
            }
            String jvm = values.getOrDefault("jvm-options", "").trim();
            String pg = values.getOrDefault("postgres-url", "");
            String ap = values.getOrDefault("ap-loader", "");
            return new Options(Path.of(values.get("java")), Path.of(values.get("jar")).toAbsolutePath(),
                    Path.of(values.get("out")), values.getOrDefault("label", "bench"),
                    jvm.isEmpty() ? List.of() : List.of(jvm.split("\\s+")), pg.isEmpty() || pg.equals("none") ? null : pg,
                    ap.isEmpty() ? null : Path.of(ap), !ap.isEmpty(), Double.parseDouble(values.getOrDefault("scale", "1")),
                    Integer.parseInt(values.getOrDefault("startup-rounds", "2")),
                    Boolean.parseBoolean(values.getOrDefault("keep", "false")));
        }

        double seconds(double full) {
            return Math.max(1, full * scale);
        }
    }

    /** A started process: the stub or a gateway, stopped on close. */
    static final class Started implements AutoCloseable {
        final Process process;
        final int port;
        final int managementPort;
        final Path log;
        /** The gateway's {@code -Xlog:gc} file, or null. */
        final Path gcLog;
        final long launched;
        final double readySeconds;

        private Started(Process process, int port, int managementPort, Path log, Path gcLog, long launched,
                double readySeconds) {
            this.process = process;
            this.port = port;
            this.managementPort = managementPort;
            this.log = log;
            this.gcLog = gcLog;
            this.launched = launched;
            this.readySeconds = readySeconds;
        }

        static Started stub(Options options, Path work) throws IOException, InterruptedException {
            Path portFile = work.resolve("stub.port");
            var process = new ProcessBuilder(options.java.toString(), "-XX:+UseSerialGC", "-Xmx128m", "-cp",
                    System.getProperty("java.class.path"), "Stub", portFile.toString())
                    .redirectErrorStream(true).redirectOutput(work.resolve("stub.txt").toFile()).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!Files.exists(portFile) || Files.readString(portFile).isBlank()) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("stub did not start\n" + tail(work.resolve("stub.txt")));
                }
                Thread.sleep(20);
            }
            return new Started(process, Integer.parseInt(Files.readString(portFile).trim()), -1, null, null, 0, 0);
        }

        /** A gateway under load: its collections go to {@code gc.log} in {@code dir}, read for each window. */
        static Started gateway(Options options, Path dir, Path policy, int stubPort, List<String> extra)
                throws IOException, InterruptedException {
            return start(options.java, options.jvmOptions, options.jar, dir, policy, stubPort, extra, dir.resolve("gc.log"));
        }

        static List<String> command(Path java, List<String> jvm, Path jar, Path policy, int stubPort, List<String> extra) {
            var command = new ArrayList<String>();
            command.add(java.toString());
            command.addAll(jvm);
            command.addAll(List.of("-jar", jar.toString(), "--workspace.endpoint=http://127.0.0.1:" + stubPort,
                    "--workspace.project-id=" + PROJECT_ID, "--gateway.policy.location=file:" + policy));
            command.addAll(extra);
            return command;
        }

        /**
         * Starts the jar in {@code dir} (so the default H2 file lands there) and waits until it is ready;
         * with {@code gcLog}, the JVM logs its collections there.
         */
        static Started start(Path java, List<String> jvm, Path jar, Path dir, Path policy, int stubPort, List<String> extra,
                Path gcLog) throws IOException, InterruptedException {
            int port = FreePort.find();
            int management = FreePort.find();
            var args = new ArrayList<>(extra);
            args.addAll(List.of("--server.port=" + port, "--management.server.port=" + management));
            Path log = dir.resolve("gateway.txt");
            var options = new ArrayList<>(jvm);
            if (gcLog != null) {
                options.add(GcLog.option(gcLog));
            }
            var builder = new ProcessBuilder(command(java, options, jar, policy, stubPort, args)).directory(dir.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            // secrets through the environment, as in production (never on the command line)
            builder.environment().put("WORKSPACE_CREDENTIALS_ACCESS_KEY", "BENCHACCESSKEY0000001");
            builder.environment().put("WORKSPACE_CREDENTIALS_SECRET_KEY", "bench-secret-key-not-a-real-one");
            long launched = System.nanoTime();
            var process = builder.start();
            byte[] probe = Http1.request("GET", "/actuator/health/readiness", management, Map.of(), null);
            long deadline = launched + TimeUnit.MINUTES.toNanos(5);
            while (true) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    process.destroyForcibly();
                    throw new IllegalStateException("gateway did not become ready\n" + tail(log));
                }
                try (var connection = new Http1(management)) {
                    if (connection.exchange(probe) == 200) {
                        break;
                    }
                } catch (IOException e) {
                    // not listening yet
                }
                Thread.sleep(20);
            }
            double ready = (System.nanoTime() - launched) / 1e9;
            return new Started(process, port, management, log, gcLog, launched, ready);
        }

        Map<String, String> startup() throws IOException {
            var startup = new LinkedHashMap<String, String>();
            startup.put("ready_s", String.format(Locale.ROOT, "%.2f", readySeconds));
            var matcher = STARTED.matcher(Files.readString(log));
            if (matcher.find()) {
                startup.put("started_s", matcher.group(1));
                startup.put("jvm_s", matcher.group(2));
            }
            return startup;
        }

        static String tail(Path file) {
            try {
                var lines = Files.readAllLines(file);
                return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor();
            }
        }
    }

    /** A free loopback port, found by binding port 0. */
    static final class FreePort {
        static int find() throws IOException {
            try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            }
        }
    }
}
