package io.stranglerkit.kit;

import io.stranglerkit.kit.KubernetesManifests.Workload;
import io.stranglerkit.kit.launcher.KitSettings;
import io.stranglerkit.kit.launcher.Part;
import io.stranglerkit.kit.launcher.Topology;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.stranglerkit.kit.KubernetesManifests.containers;
import static io.stranglerkit.kit.KubernetesManifests.map;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * No cluster runs where the kit is developed, so deploy/k8s is kept honest here, on the overlay a user
 * applies, rendered by kubectl's kustomize: each application's environment against its application.yml,
 * compose and kit up; images, ports, probes and heaps; every URL pointing at a Service that exists. No
 * Kubernetes JSON schema is at hand offline: every resource is read into the typed model of its kind
 * instead (TypedManifests). KubernetesPartsTest checks Kafka, the bridge, MariaDB and the secrets.
 */
@SuppressWarnings("unchecked")
class KubernetesManifestsTest {

    /** Read by the process (the JVM, glibc's malloc), not by the application: its yml need not name them. */
    static final Set<String> PROCESS_KEYS = Set.of("JAVA_TOOL_OPTIONS", "MALLOC_ARENA_MAX");
    private static final Pattern URL = Pattern.compile("(?:dns\\+)?https?://([a-z0-9-]+):(\\d+)|jdbc:mysql://([a-z0-9-]+):(\\d+)");

    private final KubernetesManifests local = KubernetesManifests.render("overlays/local");
    private final Map<String, Object> compose = KubernetesManifests.composeServices();
    private final Topology kit = new Topology(KitSettings.from(Map.of("KIT_ROOT", KubernetesManifests.ROOT.toString())));

    @Test
    void everyOverlayAndTheBaseRender() throws IOException {
        List<String> all = KubernetesManifests.kustomizations();
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
        for (String kustomization : KubernetesManifests.kustomizations()) {
            KubernetesManifests.render(kustomization).all().forEach(r -> unknown.addAll(TypedManifests.unknownFields(r)));
        }
        assertThat(unknown).as("fields the Kubernetes and Strimzi models do not have").isEmpty();
    }

    @Test
    void everyApplicationRunsTheComposeImageWithOnlyKeysItsApplicationYmlReads() throws IOException {
        for (Part part : KubernetesManifests.applications(kit)) {
            Map<String, Object> container = local.container(part.name());
            Map<String, Object> service = (Map<String, Object>) compose.get(part.name());
            assertThat(container.get("image")).as(part.name() + " image, as compose tags it").isEqualTo(service.get("image"));
            String config = Files.readString(KubernetesManifests.ROOT.resolve(part.name()).resolve("src/main/resources/application.yml"));
            Set<String> keys = local.values(container).keySet();
            for (String key : keys) {
                if (!PROCESS_KEYS.contains(key)) {
                    assertThat(config).as(part.name() + " sets " + key + ", which its application.yml must read").containsAnyOf("${" + key + ":", "${" + key + "}");
                }
            }
            Set<String> composeKeys = ((Map<String, Object>) service.get("environment")).keySet();
            assertThat(keys).as(part.name() + ": every key compose sets, deploy/k8s sets too").containsAll(composeKeys);
            assertThat(local.values(container).get("SERVER_PORT")).as(part.name() + " port, as compose")
                    .isEqualTo(String.valueOf(((Map<String, Object>) service.get("environment")).get("SERVER_PORT")));
        }
    }

    @Test
    void portsAndProbesAreTheApplicationsOwn() {
        for (Part part : KubernetesManifests.applications(kit)) {
            Map<String, Object> container = local.container(part.name());
            Map<String, String> values = local.values(container);
            List<Integer> ports = ((List<Map<String, Object>>) container.get("ports")).stream().map(p -> (Integer) p.get("containerPort")).toList();
            assertThat(ports).as(part.name()).contains(Integer.valueOf(values.get("SERVER_PORT")));
            // The proxy answers health on its management port, never on the public one.
            String healthPort = part.name().equals(Topology.PROXY) ? values.get("PROXY_MANAGEMENT_PORT") : values.get("SERVER_PORT");
            for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                Map<String, Object> get = map(map(container, probe), "httpGet");
                assertThat(get).as(part.name() + " " + probe).isNotEmpty();
                assertThat(KubernetesManifests.portNumber(container, get.get("port"))).as(part.name() + " " + probe + " port").isEqualTo(Integer.valueOf(healthPort));
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
        for (Part part : KubernetesManifests.applications(kit)) {
            Map<String, Object> container = local.container(part.name());
            String kitHeap = part.command().stream().filter(a -> a.startsWith("-Xmx")).findFirst().orElseThrow();
            assertThat(local.values(container).get("JAVA_TOOL_OPTIONS")).as(part.name()).contains(kitHeap).contains("-XX:+UseSerialGC");
            Map<String, Object> resources = map(container, "resources");
            long limit = KubernetesManifests.mebibytes((String) map(resources, "limits").get("memory"));
            long request = KubernetesManifests.mebibytes((String) map(resources, "requests").get("memory"));
            assertThat(limit).as(part.name() + " memory limit vs " + kitHeap).isGreaterThanOrEqualTo(KubernetesManifests.mebibytes(kitHeap.substring(4)) + 128);
            assertThat(request).as(part.name()).isBetween(128L, limit);
        }
    }

    @Test
    void everyUrlPointsAtAServiceThatExposesItsPort() {
        for (Workload workload : KubernetesManifests.workloads(local)) {
            for (Map<String, Object> container : containers(workload.resource())) {
                local.values(container).forEach((key, value) -> {
                    Matcher m = URL.matcher(value);
                    while (m.find()) {
                        String host = m.group(1) != null ? m.group(1) : m.group(3);
                        int port = Integer.parseInt(m.group(2) != null ? m.group(2) : m.group(4));
                        assertThat(local.servicePorts(host)).as(workload.name() + " " + key + " -> Service " + host).contains(port);
                    }
                });
            }
        }
    }

}
