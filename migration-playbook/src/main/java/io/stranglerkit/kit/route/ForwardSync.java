package io.stranglerkit.kit.route;

import io.stranglerkit.kit.KitException;
import io.stranglerkit.kit.launcher.KitSettings;
import io.stranglerkit.kit.launcher.Topology;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The catalog service's forward sync (monolith -> catalog): read from its {@code /status}, switched
 * with {@code PUT /admin/forward-sync} and the admin token. Off retires the monolith's catalog.
 */
public final class ForwardSync {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final KitSettings settings;
    private final String catalog;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    public ForwardSync(KitSettings settings) {
        this.settings = settings;
        this.catalog = new Topology(settings).requirePart(Topology.CATALOG).url();
    }

    public JsonNode catalogStatus() throws IOException, InterruptedException {
        return JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(catalog + "/status")).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    public boolean enabled() throws IOException, InterruptedException {
        return catalogStatus().path("forwardSync").path("enabled").asBoolean();
    }

    public void switchTo(boolean on) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(catalog + "/admin/forward-sync"))
                .header("Authorization", "Bearer " + Topology.adminToken(settings)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"enabled\":" + on + "}")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new KitException("the catalog refused to switch its forward sync " + (on ? "on" : "off") + ": " + response.body(),
                    "read ./kit logs extracted-catalog-service");
        }
    }

    /** Until the catalog takes writes and its forward sync has no backlog: it holds every product the monolith has. */
    public void awaitCaughtUp(Duration atMost) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        JsonNode status = catalogStatus();
        while (!status.path("writesOpen").asBoolean() || !status.path("forwardSync").path("state").asString().equals("live")) {
            if (System.nanoTime() > deadline) {
                throw new KitException("the catalog has not caught up with the monolith after " + atMost.toSeconds() + " s (forward sync "
                        + status.path("forwardSync").path("state").asString() + ")",
                        "look at the Catalog line of ./kit status and ./kit logs extracted-catalog-service");
            }
            Thread.sleep(250);
            status = catalogStatus();
        }
    }
}
