package com.acme.gateway.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/** The Helm chart rendered by real Helm (helm-java, in process, offline) and read back as Kubernetes objects. */
class HelmChartTest {

    private static final Path CHART = Path.of("helm/workspace-script-gateway");
    private static final Path ALL_FEATURES = CHART.resolve("ci/all-features-values.yaml");
    private static final Path EXAMPLE = Path.of("helm/values-example.yaml");

    @TempDir
    Path temp;

    @Test
    void lintPassesForTheDefaultValues() {
        LintResult lint = new Helm(CHART).lint().strict().call();

        assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
    }

    @Test
    void lintPassesForAllFeaturesAndTheReadmeExample() throws IOException {
        for (Path values : List.of(ALL_FEATURES, EXAMPLE)) {
            LintResult lint = new Helm(chartWithValues(values)).lint().strict().call();

            assertThat(lint.isFailed()).as(values + ":\n" + String.join("\n", lint.getMessages())).isFalse();
        }
    }

    @Test
    void runsTwoHardenedReplicasProbedOnTheManagementPort() {
        Manifests manifests = render(template());
        Map<String, Object> deployment = manifests.one("Deployment");
        Map<String, Object> pod = map(deployment, "spec.template.spec");
        Map<String, Object> container = only(list(pod, "containers"));

        assertThat(map(deployment, "spec").get("replicas")).isEqualTo(2);
        assertThat(map(deployment, "spec.strategy.rollingUpdate")).containsEntry("maxUnavailable", 0);
        assertThat(list(pod, "topologySpreadConstraints")).extracting(c -> c.get("topologyKey"))
                .contains("kubernetes.io/hostname");
        assertThat(map(pod, "securityContext")).containsEntry("runAsNonRoot", true).containsEntry("runAsUser", 10001)
                .containsEntry("seccompProfile", Map.of("type", "RuntimeDefault"));
        assertThat(pod).containsEntry("automountServiceAccountToken", false);
        assertThat(map(container, "securityContext")).containsEntry("allowPrivilegeEscalation", false)
                .containsEntry("readOnlyRootFilesystem", true).containsEntry("runAsNonRoot", true)
                .containsEntry("capabilities", Map.of("drop", List.of("ALL")));
        assertThat(list(container, "ports")).extracting(p -> p.get("name") + ":" + p.get("containerPort"))
                .containsExactly("http:8080", "management:8081");
        assertThat(map(container, "startupProbe.httpGet")).containsEntry("path", "/actuator/health/liveness")
                .containsEntry("port", "management");
        assertThat(map(container, "livenessProbe.httpGet")).containsEntry("path", "/actuator/health/liveness")
                .containsEntry("port", "management");
        assertThat(map(container, "readinessProbe.httpGet")).containsEntry("path", "/actuator/health/readiness")
                .containsEntry("port", "management");
        assertThat(map(container, "resources.limits")).containsKey("memory");
        assertThat(map(container, "resources.requests")).containsKeys("cpu", "memory");
    }

    @Test
    void mountsPolicyAndCredentialsAsWholeDirectoriesAndSecretsOnlyByReference() {
        Manifests manifests = render(template());
        Map<String, Object> pod = map(manifests.one("Deployment"), "spec.template.spec");
        Map<String, Object> container = only(list(pod, "containers"));
        Map<String, Map<String, Object>> volumes = byName(list(pod, "volumes"));
        Map<String, Map<String, Object>> mounts = byName(list(container, "volumeMounts"));
        Map<String, Map<String, Object>> env = byName(list(container, "env"));

        assertThat(mounts.values()).allSatisfy(mount -> assertThat(mount).doesNotContainKey("subPath"));
        assertThat(mounts.get("policy")).containsEntry("mountPath", "/etc/gateway/policy").containsEntry("readOnly", true);
        assertThat(mounts.get("credentials")).containsEntry("mountPath", "/etc/gateway/credentials");
        assertThat(mounts.get("tmp")).containsEntry("mountPath", "/tmp");
        assertThat(volumes.get("tmp")).containsKey("emptyDir");
        assertThat(map(volumes.get("policy"), "configMap")).containsEntry("name", "workspace-script-gateway-policy");
        assertThat(map(volumes.get("credentials"), "secret"))
                .containsEntry("secretName", "workspace-script-gateway-credentials");
        assertThat(env.get("WORKSPACE_CREDENTIALS_DIRECTORY")).containsEntry("value", "/etc/gateway/credentials");
        assertThat(env.get("GATEWAY_POLICY_LOCATION")).containsEntry("value", "/etc/gateway/policy/policy.yaml");
        assertThat(env.get("SPRING_DATASOURCE_URL")).containsEntry("value", "jdbc:postgresql://postgresql:5432/gateway");
        assertThat(map(env.get("SPRING_DATASOURCE_PASSWORD"), "valueFrom.secretKeyRef"))
                .containsEntry("name", "workspace-script-gateway-database").containsEntry("key", "password");
        assertThat(manifests.kinds()).doesNotContain("Secret");
        assertThat(env.keySet()).noneMatch(name -> name.contains("SECRET_KEY") || name.contains("ACCESS_KEY"));
    }

    @Test
    void servesTheApiAndTheMetricsOnSeparateServicesAndGuardsThePodsAndTheNetwork() {
        Manifests manifests = render(template());

        assertThat(manifests.all("Service")).extracting(s -> only(list(map(s, "spec"), "ports")))
                .extracting(p -> p.get("port") + "->" + p.get("targetPort")).containsExactly("8080->http", "8081->management");
        Map<String, Object> pdb = manifests.one("PodDisruptionBudget");
        assertThat(map(pdb, "spec")).containsEntry("minAvailable", 1);
        assertThat(map(pdb, "spec.selector.matchLabels"))
                .isEqualTo(map(manifests.one("Deployment"), "spec.selector.matchLabels"));
        Map<String, Object> network = map(manifests.one("NetworkPolicy"), "spec");
        assertThat(network.get("policyTypes")).isEqualTo(List.of("Ingress", "Egress"));
        assertThat(list(network, "ingress")).extracting(rule -> only(list(rule, "ports")).get("port"))
                .containsExactly("http", "management");
        assertThat(list(network, "egress")).flatExtracting(rule -> list(rule, "ports")).extracting(p -> p.get("port"))
                .containsExactly(53, 53, 443, 5432);
        assertThat(manifests.kinds()).doesNotContain("HorizontalPodAutoscaler", "ServiceMonitor", "PrometheusRule");
    }

    @Test
    void rendersEveryOptionalFeatureFromTheSameFilesThePipelineChecks() throws IOException {
        Manifests manifests = render(template().withValuesFile(ALL_FEATURES));

        assertThat(manifests.kinds()).contains("HorizontalPodAutoscaler", "ServiceMonitor", "PrometheusRule",
                "ConfigMap", "NetworkPolicy", "PodDisruptionBudget");
        assertThat(map(manifests.one("Deployment"), "spec")).doesNotContainKey("replicas");
        assertThat(map(manifests.one("HorizontalPodAutoscaler"), "spec")).containsEntry("minReplicas", 3)
                .containsEntry("maxReplicas", 8);
        Map<String, Object> rules = map(manifests.one("PrometheusRule"), "spec");
        assertThat(rules).isEqualTo(new Yaml().load(Files.readString(CHART.resolve("files/alerts.yaml"))));
        Map<String, Object> dashboard = manifests.named("ConfigMap", "-dashboard");
        assertThat(map(dashboard, "metadata.labels")).containsEntry("grafana_dashboard", "1");
        assertThat(new Yaml().<Object>load((String) map(dashboard, "data").get("workspace-script-gateway.json")))
                .isEqualTo(new Yaml().load(Files.readString(CHART.resolve("files/dashboard.json"))));
        Map<String, Object> policy = manifests.named("ConfigMap", "-policy");
        assertThat((String) map(policy, "data").get("policy.yaml")).contains("payments-ci");
        Map<String, Object> pod = map(manifests.one("Deployment"), "spec.template.spec");
        assertThat(map(byName(list(pod, "volumes")).get("policy"), "configMap")).containsEntry("name",
                map(policy, "metadata").get("name"));
        assertThat(map(only(list(map(manifests.one("ServiceMonitor"), "spec"), "endpoints")), ""))
                .containsEntry("port", "management").containsEntry("path", "/actuator/prometheus");
        Map<String, Object> network = map(manifests.one("NetworkPolicy"), "spec");
        assertThat(list(network, "ingress").getFirst().toString()).contains("payments", "operations");
    }

    @Test
    void refusesToRenderSeveralReplicasOnTheEmbeddedH2() {
        assertThatThrownBy(() -> template().set("database.url", "").call())
                .hasMessageContaining("database.url is empty, so every replica would use its own embedded H2 database");
        assertThatThrownBy(() -> template().set("database.url", "").set("replicaCount", 1)
                .set("autoscaling.enabled", true).call())
                .hasMessageContaining("set database.url to PostgreSQL, or run replicaCount: 1 without autoscaling");
    }

    @Test
    void theValuesSchemaRejectsAMalformedProjectIdAndAnUnknownCredentialsKey() {
        assertThatThrownBy(() -> template().set("workspace.projectId", "not-a-project").call())
                .hasMessageContaining("projectId");
        assertThatThrownBy(() -> template().set("workspace.credentials.secretKey", "inline").call())
                .hasMessageContaining("secretKey");
    }

    @Test
    void runsOneReplicaOnTheEmbeddedH2WithAWritableDataDirectory() {
        Manifests manifests = render(template().set("database.url", "").set("replicaCount", 1));
        Map<String, Object> pod = map(manifests.one("Deployment"), "spec.template.spec");

        assertThat(byName(list(only(list(pod, "containers")), "volumeMounts")).get("h2-data"))
                .containsEntry("mountPath", "/app/data");
        assertThat(byName(list(only(list(pod, "containers")), "env"))).doesNotContainKey("SPRING_DATASOURCE_URL");
        assertThat(manifests.kinds()).doesNotContain("PodDisruptionBudget");
    }

    /** A copy of the chart whose values.yaml is the defaults overlaid with {@code values}, for lint. */
    private Path chartWithValues(Path values) throws IOException {
        Path copy = temp.resolve(values.getFileName().toString().replace(".yaml", ""));
        try (Stream<Path> files = Files.walk(CHART)) {
            for (Path file : files.toList()) {
                Path target = copy.resolve(CHART.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
        Yaml yaml = new Yaml();
        Map<String, Object> merged = overlay(yaml.load(Files.readString(CHART.resolve("values.yaml"))),
                yaml.load(Files.readString(values)));
        Files.writeString(copy.resolve("values.yaml"), yaml.dump(merged));
        return copy;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> overlay(Map<String, Object> base, Map<String, Object> over) {
        Map<String, Object> out = new LinkedHashMap<>(base);
        over.forEach((key, value) -> out.merge(key, value, (a, b) -> a instanceof Map && b instanceof Map
                ? overlay((Map<String, Object>) a, (Map<String, Object>) b) : b));
        return out;
    }

    /** Helm's offline default is Kubernetes 1.20; the chart needs 1.25 or later. */
    private static TemplateCommand template() {
        return new Helm(CHART).template().withKubeVersion("1.31.0");
    }

    private static Manifests render(TemplateCommand template) {
        String rendered = template.withName("workspace-script-gateway").withNamespace("gateway").call();
        List<Map<String, Object>> documents = new ArrayList<>();
        for (Object document : new Yaml().loadAll(rendered)) {
            if (document != null) {
                documents.add(cast(document));
            }
        }
        return new Manifests(documents);
    }

    private record Manifests(List<Map<String, Object>> documents) {

        List<String> kinds() {
            return documents.stream().map(d -> (String) d.get("kind")).toList();
        }

        List<Map<String, Object>> all(String kind) {
            return documents.stream().filter(d -> kind.equals(d.get("kind"))).toList();
        }

        Map<String, Object> one(String kind) {
            return only(all(kind));
        }

        Map<String, Object> named(String kind, String suffix) {
            return only(all(kind).stream().filter(d -> ((String) map(d, "metadata").get("name")).endsWith(suffix)).toList());
        }
    }

    private static Map<String, Map<String, Object>> byName(List<Map<String, Object>> items) {
        Map<String, Map<String, Object>> named = new LinkedHashMap<>();
        items.forEach(item -> named.put((String) item.get("name"), item));
        return named;
    }

    private static <T> T only(List<T> items) {
        assertThat(items).hasSize(1);
        return items.getFirst();
    }

    /** The map at a dotted path ("" for the node itself). */
    private static Map<String, Object> map(Map<String, Object> node, String path) {
        Object current = node;
        for (String key : path.isEmpty() ? new String[0] : path.split("\\.")) {
            assertThat(current).as(path).isInstanceOf(Map.class);
            current = ((Map<?, ?>) current).get(key);
        }
        assertThat(current).as(path).isInstanceOf(Map.class);
        return cast(current);
    }

    private static List<Map<String, Object>> list(Map<String, Object> node, String key) {
        assertThat(node.get(key)).as(key).isInstanceOf(List.class);
        return cast(node.get(key));
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object value) {
        return (T) value;
    }
}
