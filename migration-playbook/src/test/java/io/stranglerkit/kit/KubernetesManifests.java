package io.stranglerkit.kit;

import io.stranglerkit.kit.launcher.Part;
import io.stranglerkit.kit.launcher.Topology;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * deploy/k8s as the cluster would receive it: an overlay rendered by {@code kubectl kustomize} (the
 * kustomize that kubectl embeds; no other implementation is used), read as plain maps.
 */
@SuppressWarnings("unchecked")
final class KubernetesManifests {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Path DEPLOY = ROOT.resolve("deploy/k8s");

    // Every test class and method reads the same files: kubectl runs once per kustomization.
    private static final Map<String, KubernetesManifests> RENDERED = new ConcurrentHashMap<>();

    private final List<Map<String, Object>> resources;

    private KubernetesManifests(List<Map<String, Object>> resources) {
        this.resources = resources;
    }

    /** Renders {@code deploy/k8s/<kustomization>} once per test run; fails with kubectl's own words when it cannot. */
    static KubernetesManifests render(String kustomization) {
        return RENDERED.computeIfAbsent(kustomization, KubernetesManifests::kustomize);
    }

    private static KubernetesManifests kustomize(String kustomization) {
        try {
            Process kubectl = new ProcessBuilder(kubectl(), "kustomize", DEPLOY.resolve(kustomization).toString())
                    .redirectError(ProcessBuilder.Redirect.PIPE).start();
            byte[] out = kubectl.getInputStream().readAllBytes();
            String err = new String(kubectl.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!kubectl.waitFor(60, TimeUnit.SECONDS) || kubectl.exitValue() != 0) {
                throw new AssertionError("kubectl kustomize " + kustomization + " failed: " + err);
            }
            List<Map<String, Object>> docs = new ArrayList<>();
            new Yaml().loadAll(new String(out, StandardCharsets.UTF_8)).forEach(doc -> docs.add((Map<String, Object>) doc));
            return new KubernetesManifests(docs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** kubectl on the PATH; the suite needs it (.ci/run stops early, saying so, where it is missing). */
    static String kubectl() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "kubectl"))) {
                return Path.of(dir, "kubectl").toString();
            }
        }
        throw new AssertionError("kubectl is not on the PATH: deploy/k8s cannot be rendered (apt-get install -y kubectl, or see .ci/run)");
    }

    List<Map<String, Object>> all() {
        return resources;
    }

    List<Map<String, Object>> ofKind(String kind) {
        return resources.stream().filter(r -> kind.equals(r.get("kind"))).toList();
    }

    Optional<Map<String, Object>> find(String kind, String name) {
        return ofKind(kind).stream().filter(r -> name.equals(name(r))).findFirst();
    }

    Map<String, Object> get(String kind, String name) {
        return find(kind, name).orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in deploy/k8s"));
    }

    static String name(Map<String, Object> resource) {
        return (String) map(resource, "metadata").get("name");
    }

    /** The pod template's spec of a Deployment, StatefulSet or Job. */
    static Map<String, Object> podSpec(Map<String, Object> workload) {
        return map(map(map(workload, "spec"), "template"), "spec");
    }

    static List<Map<String, Object>> containers(Map<String, Object> workload) {
        return (List<Map<String, Object>>) podSpec(workload).get("containers");
    }

    static List<Map<String, Object>> initContainers(Map<String, Object> workload) {
        return (List<Map<String, Object>>) podSpec(workload).getOrDefault("initContainers", List.of());
    }

    static List<Map<String, Object>> env(Map<String, Object> container) {
        return (List<Map<String, Object>>) container.getOrDefault("env", List.of());
    }

    static Map<String, Object> map(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        return value == null ? Map.of() : (Map<String, Object>) value;
    }

    static List<Workload> workloads(KubernetesManifests manifests) {
        List<Workload> list = new ArrayList<>();
        for (String kind : List.of("Deployment", "StatefulSet", "Job")) {
            manifests.ofKind(kind).forEach(w -> list.add(new Workload(kind, name(w), w)));
        }
        return list;
    }

    /** The base and every overlay, as paths under deploy/k8s. */
    static List<String> kustomizations() throws IOException {
        try (var overlays = Files.list(DEPLOY.resolve("overlays"))) {
            List<String> all = new ArrayList<>(List.of("base"));
            overlays.filter(Files::isDirectory).forEach(overlay -> all.add("overlays/" + overlay.getFileName()));
            return all;
        }
    }

    static Map<String, Object> composeServices() {
        try {
            return (Map<String, Object>) new Yaml().<Map<String, Object>>load(Files.readString(ROOT.resolve("docker-compose.yml"))).get("services");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The kit's applications, the proxy once (its replicas are one Deployment here). */
    static List<Part> applications(Topology kit) {
        return kit.parts().stream().filter(Part::isApplication).filter(p -> !Topology.isProxyReplica(p.name()) || p.name().equals(Topology.PROXY)).toList();
    }

    /** The container named after its Deployment. */
    Map<String, Object> container(String deployment) {
        return containers(get("Deployment", deployment)).stream().filter(c -> deployment.equals(c.get("name"))).findFirst().orElseThrow();
    }

    /** The container's environment, the keys of its ConfigMaps (envFrom) included; a Secret's value shows as its reference. */
    Map<String, String> values(Map<String, Object> container) {
        Map<String, String> values = new TreeMap<>();
        for (Object from : (List<Object>) container.getOrDefault("envFrom", List.of())) {
            String name = (String) map((Map<String, Object>) from, "configMapRef").get("name");
            map(get("ConfigMap", name), "data").forEach((k, v) -> values.put(k, String.valueOf(v)));
        }
        env(container).forEach(v -> values.put((String) v.get("name"), v.containsKey("value") ? String.valueOf(v.get("value")) : "<from " + v.get("valueFrom") + ">"));
        return values;
    }

    List<Integer> servicePorts(String name) {
        return find("Service", name).map(s -> ((List<Map<String, Object>>) map(s, "spec").get("ports")).stream().map(p -> (Integer) p.get("port")).toList())
                .orElse(List.of());
    }

    static int portNumber(Map<String, Object> container, Object port) {
        if (port instanceof Integer number) {
            return number;
        }
        return ((List<Map<String, Object>>) container.get("ports")).stream().filter(p -> port.equals(p.get("name")))
                .map(p -> (Integer) p.get("containerPort")).findFirst().orElseThrow(() -> new AssertionError("no port named " + port));
    }

    /** A memory quantity (384Mi, 2Gi) or a heap size (384m) in MiB. */
    static long mebibytes(String quantity) {
        String q = quantity.toLowerCase(Locale.ROOT);
        long number = Long.parseLong(q.replaceAll("[^0-9]", ""));
        return q.endsWith("gi") || q.endsWith("g") ? number * 1024 : number;
    }

    record Workload(String kind, String name, Map<String, Object> resource) {
    }
}
