package io.stranglerkit.kit.labs;

import io.stranglerkit.kit.Messages;
import io.stranglerkit.kit.launcher.KitSettings;
import io.stranglerkit.kit.launcher.Topology;
import io.stranglerkit.kit.route.ForwardSync;
import io.stranglerkit.kit.route.ProxyAdminClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** What the lab commands read from the running kit: the proxy's routes and stats, the services' state, the reports. */
final class KitProbe {

    private static final ObjectMapper JSON = new ObjectMapper();

    final KitSettings settings;
    final Topology topology;
    final Messages msg;
    private ForwardSync forwardSync;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    KitProbe(KitSettings settings) {
        this.settings = settings;
        this.msg = Messages.of(settings.env());
        this.topology = new Topology(settings);
    }

    ProxyAdminClient proxy() {
        return new ProxyAdminClient(settings);
    }

    JsonNode route(String id) {
        return route(proxy().get("/admin/routes"), id);
    }

    /** The route {@code id} of the proxy's route table {@code routes} (GET /admin/routes). */
    static JsonNode route(JsonNode routes, String id) {
        for (JsonNode route : routes) {
            if (route.path("id").asString().equals(id)) {
                return route;
            }
        }
        throw new IllegalStateException("the proxy has no route " + id);
    }

    /** Requests the proxy sent the route's {@code backend} side in the last minute, over every replica. */
    long lastMinute(String route, String backend) {
        for (JsonNode row : proxy().get("/admin/stats?scope=replicas").path("rows")) {
            if (row.path("route").asString().equals(route) && row.path("backend").asString().equals(backend)) {
                return row.path("lastMinute").path("count").asLong();
            }
        }
        return 0;
    }

    /** The catalog service's /status: its syncs' state, conflicts and whether it takes writes. */
    JsonNode catalogStatus() throws IOException, InterruptedException {
        return forwardSync().catalogStatus();
    }

    ForwardSync forwardSync() {
        if (forwardSync == null) {
            forwardSync = new ForwardSync(settings);
        }
        return forwardSync;
    }

    /** Who answered a request through the proxy, or why nobody did; null when {@code expected} did. */
    String servedBy(String path, String expected) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(topology.part(Topology.PROXY).url() + path))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        String servedBy = response.headers().firstValue("X-Served-By").orElse("nobody");
        return response.statusCode() == 200 && servedBy.equals(expected) ? null
                : msg.get("check.servedBy.todo", path, response.statusCode(), servedBy);
    }

    /** An entry of .kit/reports that matches. */
    boolean report(Predicate<Path> matches) throws IOException {
        Path reports = settings.home().resolve("reports");
        if (!Files.isDirectory(reports)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(reports)) {
            return entries.anyMatch(matches);
        }
    }

    String text(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    JsonNode json(String url) throws IOException, InterruptedException {
        return JSON.readTree(text(url));
    }
}
