import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The run's figures as a Markdown table and its open-loop latencies as an SVG chart. */
final class Report {

    private static final List<String> TARGETS = List.of("stub", "gateway-h2", "gateway-pg");
    private static final double[] PERCENTILES = {50, 99, 99.9};
    private static final String[] COLORS = {"#6b7280", "#2563eb", "#dc2626"};
    private static final String[] DASHES = {"", "6,4", "2,3"};

    private Report() {
    }

    static String markdown(Bench.Options options, Map<String, Map<String, String>> figures, List<Load.Result> results) {
        var targets = TARGETS.stream().filter(t -> figures.containsKey(t)).toList();
        var md = new StringBuilder();
        md.append("Run `").append(options.label()).append("`: jar `").append(options.jar().getFileName())
                .append("`, gateway JVM options `").append(options.jvmOptions().isEmpty() ? "(none)"
                        : String.join(" ", options.jvmOptions())).append("`, MALLOC_ARENA_MAX=")
                .append(System.getenv().getOrDefault("MALLOC_ARENA_MAX", "unset")).append(", ")
                .append(Runtime.getRuntime().availableProcessors()).append(" CPUs, ")
                .append(System.getProperty("java.vm.name")).append(' ').append(System.getProperty("java.version"))
                .append(". Latencies in ms; open-loop latencies count from each request's intended send time. The bench adds `")
                .append(GcLog.option(Path.of("gc.log"))).append("` to each gateway under load to count the")
                .append(" collections of each window.\n\n");
        md.append("| figure |");
        targets.forEach(t -> md.append(' ').append(t).append(" |"));
        md.append("\n|---|");
        targets.forEach(t -> md.append("---|"));
        md.append('\n');
        row(md, "start → ready (readiness 200), s", targets, t -> value(figures, t, "ready_s"));
        row(md, "Spring \"Started … in\" / JVM up, s", targets, t -> value(figures, t, "started_s")
                .map(s -> s + " / " + value(figures, t, "jvm_s").orElse("?")));
        for (int connections : Bench.CONNECTIONS) {
            String phase = "closed-" + connections;
            row(md, "max throughput, " + connections + " connections, req/s", targets,
                    t -> find(results, t, phase).map(r -> fmt("%.0f", r.throughput()) + errors(r)));
        }
        row(md, "CPU per request, 8 connections (steady), ms", targets,
                t -> find(results, t, "closed-8").map(r -> fmt("%.3f", r.cpuMsPerRequest())));
        row(md, "  of which JIT compiler threads, ms", targets,
                t -> find(results, t, "closed-8").map(r -> fmt("%.3f", r.jitMsPerRequest())));
        row(md, "  PostgreSQL server CPU per request, 8 connections, ms", targets,
                t -> find(results, t, "closed-8").filter(r -> !Double.isNaN(r.postgresCpuMsPerRequest()))
                        .map(r -> fmt("%.3f", r.postgresCpuMsPerRequest())));
        row(md, "machine CPU busy, 8 / 32 connections", targets,
                t -> find(results, t, "closed-8").flatMap(r8 -> find(results, t, "closed-32")
                        .map(r32 -> fmt("%.0f %% / %.0f %%", r8.machineBusy() * 100, r32.machineBusy() * 100))));
        row(md, "CPU per request at 500 req/s, ms", targets,
                t -> find(results, t, "open-500").map(r -> fmt("%.3f", r.cpuMsPerRequest())));
        row(md, "latency p50 / p99 / p99.9, 8 connections", targets,
                t -> find(results, t, "closed-8").map(Report::percentiles));
        for (int rate : Bench.RATES) {
            row(md, "latency p50 / p99 / p99.9 at " + rate + " req/s", targets,
                    t -> find(results, t, "open-" + rate).map(r -> percentiles(r) + errors(r)));
        }
        for (int rate : Bench.RATES) {
            row(md, "added over the stub at " + rate + " req/s", targets, t -> t.equals("stub") ? Optional.of("—")
                    : find(results, t, "open-" + rate).flatMap(r -> find(results, "stub", "open-" + rate)
                            .map(stub -> fmt("%.2f / %.2f / %.2f", r.millis(50) - stub.millis(50),
                                    r.millis(99) - stub.millis(99), r.millis(99.9) - stub.millis(99.9)))));
        }
        row(md, "collections in the window, 8 connections", targets,
                t -> find(results, t, "closed-8").flatMap(Report::collections));
        for (int rate : Bench.RATES) {
            row(md, "collections in the window at " + rate + " req/s", targets,
                    t -> find(results, t, "open-" + rate).flatMap(Report::collections));
        }
        row(md, "RSS after the load, MiB", targets, t -> value(figures, t, "rss_mib"));
        row(md, "embedded H2 file after the load, MiB", targets, t -> value(figures, t, "db_file_mib"));
        row(md, "machine load average (1 min) after the closed loops", targets, t -> value(figures, t, "load_avg"));
        md.append("\nStart → ready of the H2 gateway by launch mode (each round in order):\n\n")
                .append("| launch | start → ready, s |\n|---|---|\n");
        figures.forEach((name, values) -> {
            if (name.startsWith("startup-")) {
                md.append("| ").append(name.substring("startup-".length())).append(" | ")
                        .append(values.get("ready_s")).append(" |\n");
            }
        });
        return md.toString();
    }

    static String chart(List<Load.Result> results, String label) {
        int width = 760;
        int height = 440;
        int left = 70;
        int right = 190;
        int top = 40;
        int bottom = 60;
        double max = results.stream().filter(r -> r.phase().startsWith("open-"))
                .mapToDouble(r -> r.millis(99.9)).filter(v -> !Double.isNaN(v)).max().orElse(10);
        double low = -2;
        double high = Math.max(1, Math.ceil(Math.log10(max)));
        int plotWidth = width - left - right;
        int plotHeight = height - top - bottom;
        var svg = new StringBuilder();
        svg.append(fmt("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"12\">\n", width, height));
        svg.append(fmt("<rect width=\"%d\" height=\"%d\" fill=\"white\"/>\n", width, height));
        svg.append(fmt("<text x=\"%d\" y=\"22\" font-size=\"15\">Latency vs. request rate, open loop (%s)</text>\n", left, escape(label)));
        for (double decade = low; decade <= high; decade++) {
            double y = top + plotHeight - (decade - low) / (high - low) * plotHeight;
            svg.append(fmt("<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#e5e7eb\"/>\n", left, y, left + plotWidth, y));
            svg.append(fmt("<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s ms</text>\n", left - 6, y + 4,
                    decade < 0 ? fmt("%.2f", Math.pow(10, decade)).replaceAll("0+$", "") : fmt("%.0f", Math.pow(10, decade))));
        }
        for (int i = 0; i < Bench.RATES.length; i++) {
            double x = left + (i + 0.5) * plotWidth / Bench.RATES.length;
            svg.append(fmt("<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%d req/s</text>\n", x, top + plotHeight + 20, Bench.RATES[i]));
        }
        svg.append(fmt("<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">offered rate</text>\n", left + plotWidth / 2, height - 14));
        svg.append(fmt("<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#9ca3af\"/>\n", left, top, plotWidth, plotHeight));
        int legend = 0;
        for (int t = 0; t < TARGETS.size(); t++) {
            for (int p = 0; p < PERCENTILES.length; p++) {
                var points = new StringBuilder();
                for (int i = 0; i < Bench.RATES.length; i++) {
                    var result = find(results, TARGETS.get(t), "open-" + Bench.RATES[i]);
                    if (result.isEmpty() || Double.isNaN(result.get().millis(PERCENTILES[p]))) {
                        continue;
                    }
                    double value = Math.max(Math.pow(10, low), result.get().millis(PERCENTILES[p]));
                    double x = left + (i + 0.5) * plotWidth / Bench.RATES.length;
                    double y = top + plotHeight - (Math.log10(value) - low) / (high - low) * plotHeight;
                    points.append(fmt("%.1f,%.1f ", x, y));
                    svg.append(fmt("<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>\n", x, y, COLORS[t]));
                }
                if (points.isEmpty()) {
                    continue;
                }
                svg.append(fmt("<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"%s/>\n", points.toString().trim(),
                        COLORS[t], DASHES[p].isEmpty() ? "" : " stroke-dasharray=\"" + DASHES[p] + "\""));
                double ly = top + 10 + legend++ * 20;
                svg.append(fmt("<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"2\"%s/>\n",
                        left + plotWidth + 12, ly, left + plotWidth + 42, ly, COLORS[t],
                        DASHES[p].isEmpty() ? "" : " stroke-dasharray=\"" + DASHES[p] + "\""));
                svg.append(fmt("<text x=\"%d\" y=\"%.1f\">%s p%s</text>\n", left + plotWidth + 48, ly + 4, TARGETS.get(t),
                        fmt("%s", PERCENTILES[p]).replace(".0", "")));
            }
        }
        return svg.append("</svg>\n").toString();
    }

    private interface Cell {
        Optional<String> of(String target);
    }

    private static void row(StringBuilder md, String figure, List<String> targets, Cell cell) {
        md.append("| ").append(figure).append(" |");
        targets.forEach(t -> md.append(' ').append(cell.of(t).orElse("—")).append(" |"));
        md.append('\n');
    }

    private static Optional<String> value(Map<String, Map<String, String>> figures, String target, String key) {
        return Optional.ofNullable(figures.getOrDefault(target, Map.of()).get(key));
    }

    private static Optional<Load.Result> find(List<Load.Result> results, String target, String phase) {
        return results.stream().filter(r -> r.target().equals(target) && r.phase().equals(phase)).findFirst();
    }

    private static String percentiles(Load.Result r) {
        return fmt("%.2f / %.2f / %.2f", r.millis(50), r.millis(99), r.millis(99.9));
    }

    private static Optional<String> collections(Load.Result r) {
        return Optional.ofNullable(r.gc()).map(GcLog.Pauses::summary);
    }

    private static String errors(Load.Result r) {
        return r.errors() == 0 ? "" : " (" + r.errors() + " failed: " + r.statuses() + ")";
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;");
    }
}
