package io.stranglerkit.kit;

import io.stranglerkit.kit.KubernetesManifests.Workload;
import io.stranglerkit.kit.launcher.ComposeEnvCommand;
import io.stranglerkit.kit.launcher.KitSettings;
import io.stranglerkit.kit.launcher.Part;
import io.stranglerkit.kit.launcher.Topology;
import org.junit.jupiter.api.Test;

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
 * deploy/k8s's infrastructure and secrets, on the overlay a user applies: Strimzi's Kafka, the one binlog
 * reader, MariaDB with compose's settings and the kit's init scripts, and no secret anywhere but the Secret
 * that {@code ./kit compose-env}'s file fills. (KubernetesManifestsTest checks the applications.)
 */
@SuppressWarnings("unchecked")
class KubernetesPartsTest {

    private final KubernetesManifests local = KubernetesManifests.render("overlays/local");
    private final Map<String, Object> compose = KubernetesManifests.composeServices();
    private final Topology kit = new Topology(KitSettings.from(Map.of("KIT_ROOT", KubernetesManifests.ROOT.toString())));

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
        for (Part part : KubernetesManifests.applications(kit)) {
            String value = local.values(local.container(part.name())).get("KAFKA_BOOTSTRAP_SERVERS");
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
        assertThat(local.values(containers(bridge).get(0))).containsEntry("CDC_PROGRESS_STORE", "kafka");
        String wait = String.valueOf(KubernetesManifests.initContainers(bridge).get(0).get("command"));
        assertThat(wait).contains("http://legacy-monolith:8081/actuator/health/readiness").contains("http://extracted-catalog-service:8083/actuator/health/readiness");
        Map<String, Object> proxy = local.get("Deployment", Topology.PROXY);
        assertThat(map(proxy, "spec").get("replicas")).isEqualTo(3);
        assertThat(String.valueOf(env(containers(proxy).get(0)))).contains("PROXY_REPLICA").contains("metadata.name");
        assertThat(local.values(local.container(Topology.CONSOLE))).containsEntry("PROXY_ADMIN_URLS", "dns+http://routing-proxy-replicas:8180");
        assertThat(map(local.get("Service", "routing-proxy-replicas"), "spec").get("clusterIP")).isEqualTo("None");
    }

    @Test
    void mariadbHasComposesBinlogSettingsAndTheKitsInitScripts() throws IOException {
        Map<String, Object> mariadb = local.get("StatefulSet", "mariadb");
        Map<String, Object> container = containers(mariadb).get(0);
        Map<String, Object> composeDb = (Map<String, Object>) compose.get("mariadb");
        assertThat(container.get("image")).isEqualTo(composeDb.get("image"));
        assertThat((List<String>) container.get("args")).containsAll((List<String>) composeDb.get("command"));
        assertThat(local.values(container).keySet()).containsAll(((Map<String, Object>) composeDb.get("environment")).keySet());
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
}
