package io.stranglerkit.kit;

import io.stranglerkit.kit.KubernetesManifests.Workload;
import io.stranglerkit.kit.launcher.ComposeEnvCommand;
import io.stranglerkit.kit.launcher.KitSettings;
import io.stranglerkit.kit.launcher.Part;
import io.stranglerkit.kit.launcher.Topology;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.stranglerkit.kit.KubernetesManifests.containers;
import static io.stranglerkit.kit.KubernetesManifests.env;
import static io.stranglerkit.kit.KubernetesManifests.map;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * No cluster runs where the kit is developed, so deploy/k8s is kept honest here, on the overlay a user
 * applies, rendered by kubectl's kustomize: each application's environment against its application.yml,
 * compose and kit up; images, ports and probes; secrets only from the Secret; every URL pointing at a
 * Service that exists. No Kubernetes JSON schema is at hand offline: every resource is read into the typed
 * model of its kind instead (TypedManifests).
 */
@SuppressWarnings("unchecked")
class KubernetesManifestsTest {

    /** The image's own key (the Dockerfile sets it), not the application's. */
    private static final String JVM_OPTIONS = "JAVA_TOOL_OPTIONS";
    private static final Pattern URL = Pattern.compile("(?:dns\\+)?https?://([a-z0-9-]+):(\\d+)|jdbc:mysql://([a-z0-9-]+):(\\d+)");

    private final KubernetesManifests local = KubernetesManifests.render("overlays/local");
    private final Map<String, Object> compose = (Map<String, Object>) load(KubernetesManifests.ROOT.resolve("docker-compose.yml")).get("services");
    private final Topology kit = new Topology(KitSettings.from(Map.of("KIT_ROOT", KubernetesManifests.ROOT.toString())));

    /** The base and every overlay, as paths under deploy/k8s. */
    private static List<String> kustomizations() throws IOException {
        try (var overlays = Files.list(KubernetesManifests.DEPLOY.resolve("overlays"))) {
            List<String> all = new java.util.ArrayList<>(List.of("base"));
            overlays.filter(Files::isDirectory).forEach(overlay -> all.add("overlays/" + overlay.getFileName()));
            return all;
        }
    }

    @Test
    void everyOverlayAndTheBaseRender() throws IOException {
        List<String> all = kustomizations();
        assertThat(all).contains("overlays/local");
        all.forEach(kustomization -> assertThat(KubernetesManifests.render(kustomization).all()).as(kustomization).isNotEmpty());
        assertThat(KubernetesManifests.render("base").ofKind("Deployment")).hasSize(local.ofKind("Deployment").size());
        assertThat(local.all()).allSatisfy(r -> {
            if (!"Namespace".equals(r.get("kind"))) {
                assertThat(map(r, "metadata").get("namespace")).as(KubernetesManifests.name(r)).isEqualTo("strangler-kit");
            }
        });
    }

    @Test
    void everyResourceReadsIntoItsKindsModelWithoutAnUnknownField() throws IOException {
        List<String> unknown = new java.util.ArrayList<>();
        for (String kustomization : kustomizations()) {
            KubernetesManifests.render(kustomization).all().forEach(r -> unknown.addAll(TypedManifests.unknownFields(r)));
        }
        assertThat(unknown).as("fields the Kubernetes and Strimzi models do not have").isEmpty();
    }

    @Test
    void everyApplicationRunsTheComposeImageWithOnlyKeysItsApplicationYmlReads() throws IOException {
        for (Part part : applications()) {
            Map<String, Object> container = container(part);
            Map<String, Object> service = (Map<String, Object>) compose.get(part.name());
            assertThat(container.get("image")).as(part.name() + " image, as compose tags it").isEqualTo(service.get("image"));
            String config = Files.readString(KubernetesManifests.ROOT.resolve(part.name()).resolve("src/main/resources/application.yml"));
            Set<String> keys = keys(container);
            for (String key : keys) {
                if (!key.equals(JVM_OPTIONS)) {
                    assertThat(config).as(part.name() + " sets " + key + ", which its application.yml must read").containsAnyOf("${" + key + ":", "${" + key + "}");
                }
            }
            Set<String> composeKeys = ((Map<String, Object>) service.get("environment")).keySet();
            assertThat(keys).as(part.name() + ": every key compose sets, deploy/k8s sets too").containsAll(composeKeys);
            assertThat(values(container).get("SERVER_PORT")).as(part.name() + " port, as compose")
                    .isEqualTo(String.valueOf(((Map<String, Object>) service.get("environment")).get("SERVER_PORT")));
        }
    }

    @Test
    void portsAndProbesAreTheApplicationsOwn() {
        for (Part part : applications()) {
            Map<String, Object> container = container(part);
            Map<String, String> values = values(container);
            List<Integer> ports = ((List<Map<String, Object>>) container.get("ports")).stream().map(p -> (Integer) p.get("containerPort")).toList();
            assertThat(ports).as(part.name()).contains(Integer.valueOf(values.get("SERVER_PORT")));
            // The proxy answers health on its management port, never on the public one.
            String healthPort = part.name().equals(Topology.PROXY) ? values.get("PROXY_MANAGEMENT_PORT") : values.get("SERVER_PORT");
            for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                Map<String, Object> get = map(map(container, probe), "httpGet");
                assertThat(get).as(part.name() + " " + probe).isNotEmpty();
                assertThat(portNumber(container, get.get("port"))).as(part.name() + " " + probe + " port").isEqualTo(Integer.valueOf(healthPort));
                assertThat((String) get.get("path")).startsWith("/actuator/health/" + (probe.equals("readinessProbe") ? "readiness" : "liveness"));
            }
        }
        for (Workload workload : KubernetesManifests.workloads(local)) {
            if (!workload.kind().equals("Job")) {
                containers(workload.resource()).forEach(c -> assertThat(c).as(workload.name()).containsKeys("readinessProbe", "livenessProbe", "resources"));
            }
        }
    }

    /** The heap kit up gives each application, and room beside it: what bench/README.md measured resident. */
    @Test
    void heapsAreKitUpsAndMemoryLimitsLeaveRoomBesideThem() {
        for (Part part : applications()) {
            Map<String, Object> container = container(part);
            String kitHeap = part.command().stream().filter(a -> a.startsWith("-Xmx")).findFirst().orElseThrow();
            assertThat(values(container).get(JVM_OPTIONS)).as(part.name()).contains(kitHeap).contains("-XX:+UseSerialGC");
            Map<String, Object> resources = map(container, "resources");
            long limit = mebibytes((String) map(resources, "limits").get("memory"));
            long request = mebibytes((String) map(resources, "requests").get("memory"));
            assertThat(limit).as(part.name() + " memory limit vs " + kitHeap).isGreaterThanOrEqualTo(mebibytes(kitHeap.substring(4)) + 128);
            assertThat(request).as(part.name()).isBetween(128L, limit);
        }
    }

    @Test
    void noSecretIsPlainTextAndEveryOneComesFromTheSecretComposeEnvWrites() {
        Set<String> keys = new TreeSet<>();
        for (Workload workload : KubernetesManifests.workloads(local)) {
            for (Map<String, Object> container : containers(workload.resource())) {
                for (Map<String, Object> variable : env(container)) {
                    String name = (String) variable.get("name");
                    Map<String, Object> ref = map(map(variable, "valueFrom"), "secretKeyRef");
                    if (name.contains("PASSWORD") || name.contains("TOKEN")) {
                        assertThat(variable).as(workload.name() + " " + name).doesNotContainKey("value");
                        assertThat(ref.get("name")).as(workload.name() + " " + name).isEqualTo("kit-secrets");
                    }
                    if (!ref.isEmpty()) {
                        keys.add((String) ref.get("key"));
                    }
                }
            }
        }
        assertThat(ComposeEnvCommand.VARIABLES).as("kubectl create secret generic kit-secrets --from-env-file=.env").containsAll(keys);
        assertThat(local.ofKind("Secret")).as("no Secret is written in the manifests").isEmpty();
        local.ofKind("ConfigMap").forEach(cm -> map(cm, "data").keySet().forEach(key -> assertThat(key).doesNotContain("PASSWORD").doesNotContain("TOKEN")));
        // The init SQL creates each account with kit up's development password; the init script then gives
        // every one of them its password from the Secret (the image's first start runs without networking).
        Map<String, Object> init = map(local.get("ConfigMap", mariadbInitConfigMap()), "data");
        Matcher created = Pattern.compile("CREATE USER IF NOT EXISTS ('[a-z_]+'@'[^']+')").matcher((String) init.get("kit-databases.sql"));
        int accounts = 0;
        while (created.find()) {
            accounts++;
            assertThat((String) init.get("zz-compose-passwords.sh")).as(created.group(1))
                    .containsPattern("ALTER USER " + Pattern.quote(created.group(1)) + " IDENTIFIED BY '\\$\\{[A-Z_]+_PASSWORD}'");
        }
        assertThat(accounts).isGreaterThanOrEqualTo(6);
    }

    @Test
    void everyUrlPointsAtAServiceThatExposesItsPort() {
        for (Workload workload : KubernetesManifests.workloads(local)) {
            for (Map<String, Object> container : containers(workload.resource())) {
                values(container).forEach((key, value) -> {
                    Matcher m = URL.matcher(value);
                    while (m.find()) {
                        String host = m.group(1) != null ? m.group(1) : m.group(3);
                        int port = Integer.parseInt(m.group(2) != null ? m.group(2) : m.group(4));
                        assertThat(servicePorts(host)).as(workload.name() + " " + key + " -> Service " + host).contains(port);
                    }
                });
            }
        }
    }

    @Test
    void kafkaIsAStrimziKraftClusterAndEveryApplicationUsesItsBootstrapService() {
        Map<String, Object> kafka = local.ofKind("Kafka").get(0);
        Map<String, Object> pool = local.ofKind("KafkaNodePool").get(0);
        assertThat((String) kafka.get("apiVersion")).startsWith("kafka.strimzi.io/");
        assertThat((List<String>) map(pool, "spec").get("roles")).containsExactlyInAnyOrder("controller", "broker");
        assertThat(map(map(pool, "metadata"), "labels")).containsEntry("strimzi.io/cluster", KubernetesManifests.name(kafka));
        Map<String, Object> spec = map(map(kafka, "spec"), "kafka");
        String composeKafka = (String) ((Map<String, Object>) compose.get("kafka")).get("image");
        assertThat(composeKafka).isEqualTo("apache/kafka:" + spec.get("version"));
        Map<String, Object> plain = ((List<Map<String, Object>>) spec.get("listeners")).stream()
                .filter(l -> Boolean.FALSE.equals(l.get("tls"))).findFirst().orElseThrow();
        String bootstrap = KubernetesManifests.name(kafka) + "-kafka-bootstrap:" + plain.get("port");
        for (Part part : applications()) {
            String value = values(container(part)).get("KAFKA_BOOTSTRAP_SERVERS");
            if (value != null) {
                assertThat(value).as(part.name()).isEqualTo(bootstrap);
            }
        }
    }

    @Test
    void theBridgeIsOneBinlogReaderWithItsProgressOnKafkaAndWaitsForTheTablesItCaptures() {
        Map<String, Object> bridge = local.get("Deployment", Topology.CDC_BRIDGE);
        assertThat(map(bridge, "spec").get("replicas")).isEqualTo(1);
        assertThat(map(map(bridge, "spec"), "strategy").get("type")).isEqualTo("Recreate");
        assertThat(values(containers(bridge).get(0))).containsEntry("CDC_PROGRESS_STORE", "kafka");
        String wait = String.valueOf(KubernetesManifests.initContainers(bridge).get(0).get("command"));
        assertThat(wait).contains("http://legacy-monolith:8081/actuator/health/readiness").contains("http://extracted-catalog-service:8083/actuator/health/readiness");
        Map<String, Object> proxy = local.get("Deployment", Topology.PROXY);
        assertThat(map(proxy, "spec").get("replicas")).isEqualTo(3);
        assertThat(String.valueOf(env(containers(proxy).get(0)))).contains("PROXY_REPLICA").contains("metadata.name");
        assertThat(values(container(kit.part(Topology.CONSOLE)))).containsEntry("PROXY_ADMIN_URLS", "dns+http://routing-proxy-replicas:8180");
        assertThat(map(local.get("Service", "routing-proxy-replicas"), "spec").get("clusterIP")).isEqualTo("None");
    }

    @Test
    void mariadbHasComposesBinlogSettingsAndTheKitsInitScripts() throws IOException {
        Map<String, Object> mariadb = local.get("StatefulSet", "mariadb");
        Map<String, Object> container = containers(mariadb).get(0);
        Map<String, Object> composeDb = (Map<String, Object>) compose.get("mariadb");
        assertThat(container.get("image")).isEqualTo(composeDb.get("image"));
        assertThat((List<String>) container.get("args")).containsAll((List<String>) composeDb.get("command"));
        assertThat(keys(container)).containsAll(((Map<String, Object>) composeDb.get("environment")).keySet());
        Map<String, Object> init = map(local.get("ConfigMap", mariadbInitConfigMap()), "data");
        Path dbInit = KubernetesManifests.ROOT.resolve("local-infra/src/main/resources/db-init");
        assertThat(init.get("kit-databases.sql")).isEqualTo(Files.readString(dbInit.resolve("kit-databases.sql")));
        assertThat(init.get("zz-compose-passwords.sh")).isEqualTo(Files.readString(dbInit.resolve("zz-compose-passwords.sh")));
        assertThat(String.valueOf(container.get("volumeMounts"))).contains("mountPath=/docker-entrypoint-initdb.d");
    }

    private String mariadbInitConfigMap() {
        List<Map<String, Object>> volumes = (List<Map<String, Object>>) KubernetesManifests.podSpec(local.get("StatefulSet", "mariadb")).get("volumes");
        return (String) map(volumes.stream().filter(v -> v.containsKey("configMap")).findFirst().orElseThrow(), "configMap").get("name");
    }

    private List<Part> applications() {
        return kit.parts().stream().filter(Part::isApplication).filter(p -> !Topology.isProxyReplica(p.name()) || p.name().equals(Topology.PROXY)).toList();
    }

    private Map<String, Object> container(Part part) {
        Map<String, Object> deployment = local.get("Deployment", part.name());
        return containers(deployment).stream().filter(c -> part.name().equals(c.get("name"))).findFirst().orElseThrow();
    }

    /** The container's keys, those from ConfigMaps (envFrom) included. */
    private Set<String> keys(Map<String, Object> container) {
        return values(container).keySet();
    }

    private Map<String, String> values(Map<String, Object> container) {
        Map<String, String> values = new java.util.TreeMap<>();
        for (Object from : (List<Object>) container.getOrDefault("envFrom", List.of())) {
            String name = (String) map((Map<String, Object>) from, "configMapRef").get("name");
            map(local.get("ConfigMap", name), "data").forEach((k, v) -> values.put(k, String.valueOf(v)));
        }
        env(container).forEach(v -> values.put((String) v.get("name"), v.containsKey("value") ? String.valueOf(v.get("value")) : "<from " + v.get("valueFrom") + ">"));
        return values;
    }

    private List<Integer> servicePorts(String name) {
        return local.find("Service", name).map(s -> ((List<Map<String, Object>>) map(s, "spec").get("ports")).stream().map(p -> (Integer) p.get("port")).toList())
                .orElse(List.of());
    }

    private static int portNumber(Map<String, Object> container, Object port) {
        if (port instanceof Integer number) {
            return number;
        }
        return ((List<Map<String, Object>>) container.get("ports")).stream().filter(p -> port.equals(p.get("name")))
                .map(p -> (Integer) p.get("containerPort")).findFirst().orElseThrow(() -> new AssertionError("no port named " + port));
    }

    private static long mebibytes(String quantity) {
        String q = quantity.toLowerCase(java.util.Locale.ROOT);
        if (q.endsWith("gi") || q.endsWith("g")) {
            return Long.parseLong(q.replaceAll("[^0-9]", "")) * 1024;
        }
        return Long.parseLong(q.replaceAll("[^0-9]", ""));
    }

    private static Map<String, Object> load(Path file) {
        try {
            return new Yaml().load(Files.readString(file));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
