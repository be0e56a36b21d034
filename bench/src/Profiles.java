import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Sums async-profiler's collapsed stacks into the shares of CPU that matter for the gateway: each
 * cost is the share of samples with a matching frame anywhere in the stack (so shares overlap), plus
 * the frames that burn the most CPU themselves.
 */
final class Profiles {

    private static final Map<String, String> COSTS = new LinkedHashMap<>();

    static {
        COSTS.put("JIT compilation (C1 + C2 compiler threads)", "CompileBroker::");
        COSTS.put("  of which C2", "C2Compiler::");
        COSTS.put("garbage collection", "GCTaskThread|SerialHeap|G1CollectedHeap|VM_GC|GenCollect|DefNewGeneration|ParallelScavenge");
        COSTS.put("Tomcat (HTTP server)", "org/apache/coyote/|org/apache/tomcat/|org/apache/catalina/|org.apache.coyote|org.apache.tomcat|org.apache.catalina");
        COSTS.put("Spring Security filter chain", "FilterChainProxy");
        COSTS.put("  Spring Security observation wrappers", "ObservationFilterChainDecorator");
        COSTS.put("upstream HTTP client (JDK HttpClient, Apache HttpClient 5)", "jdk/internal/net/http/|jdk.internal.net.http|org/apache/hc/|org.apache.hc");
        COSTS.put("new platform threads", "Thread.start0|JVM_StartThread|pthread_create");
        COSTS.put("H2 database", "org/h2/|org.h2.");
        COSTS.put("PostgreSQL driver", "org/postgresql/|org.postgresql.");
        COSTS.put("Hikari pool", "com/zaxxer/hikari|com.zaxxer.hikari");
        COSTS.put("logging (Logback, ECS JSON)", "ch/qos/logback|ch.qos.logback|StructuredLog|ElasticCommonSchema");
        COSTS.put("Jackson", "tools/jackson/|tools.jackson.");
        COSTS.put("Micrometer meters and observations", "io/micrometer/|io.micrometer.");
        COSTS.put("Resilience4j", "io/github/resilience4j|io.github.resilience4j");
        COSTS.put("AK/SK signing", "RequestSigner|SigningInterceptor");
        COSTS.put("exceptions (fillInStackTrace)", "fillInStackTrace");
        COSTS.put("gateway code (com.acme.gateway)", "com/acme/gateway|com.acme.gateway");
        COSTS.put("kernel (syscalls, network)", "_\\[k\\]");
    }

    private Profiles() {
    }

    static String summary(Path collapsed, String title) throws IOException {
        long total = 0;
        Map<String, Long> costs = new LinkedHashMap<>();
        Map<String, Long> self = new LinkedHashMap<>();
        var patterns = COSTS.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                e -> java.util.regex.Pattern.compile(e.getValue()), (a, b) -> a, LinkedHashMap::new));
        for (String line : Files.readAllLines(collapsed)) {
            int space = line.lastIndexOf(' ');
            if (space < 0) {
                continue;
            }
            long samples = Long.parseLong(line.substring(space + 1).trim());
            String stack = line.substring(0, space);
            total += samples;
            patterns.forEach((cost, pattern) -> {
                if (pattern.matcher(stack).find()) {
                    costs.merge(cost, samples, Long::sum);
                }
            });
            self.merge(stack.substring(stack.lastIndexOf(';') + 1), samples, Long::sum);
        }
        long all = Math.max(1, total);
        var md = new StringBuilder("### " + title + "\n\n" + total + " samples (itimer, 10 ms each by default)\n\n"
                + "| cost (inclusive, shares overlap) | share of CPU |\n|---|---|\n");
        COSTS.keySet().forEach(cost -> md.append("| ").append(cost).append(" | ")
                .append(String.format(Locale.ROOT, "%.1f %%", 100.0 * costs.getOrDefault(cost, 0L) / all)).append(" |\n"));
        md.append("\n| top self frames | share |\n|---|---|\n");
        self.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(15)
                .forEach(e -> md.append("| `").append(e.getKey().replace("|", "\\|")).append("` | ")
                        .append(String.format(Locale.ROOT, "%.1f %%", 100.0 * e.getValue() / all)).append(" |\n"));
        return md.toString();
    }

    public static void main(String[] args) throws IOException {
        System.out.println(summary(Path.of(args[0]), args.length > 1 ? args[1] : args[0]));
    }
}
