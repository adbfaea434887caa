package io.stranglerkit.kit.route;

import io.stranglerkit.kit.KitException;
import io.stranglerkit.kit.launcher.KitSettings;
import io.stranglerkit.kit.launcher.Topology;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Calls the routing proxy's admin API with the kit's admin token; turns its problems into kit errors. */
public final class ProxyAdminClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String base;
    private final String token;

    public ProxyAdminClient(KitSettings settings) {
        this(settings, settings.port("KIT_PROXY_ADMIN_PORT", 8180));
    }

    /** The admin API of the replica listening on that port. */
    public ProxyAdminClient(KitSettings settings, int adminPort) {
        this.base = "http://127.0.0.1:" + adminPort;
        this.token = token(settings);
    }

    private static String token(KitSettings settings) {
        String token = Topology.adminToken(settings);
        if (token.isEmpty()) {
            throw new KitException("no admin token: " + settings.adminTokenFile() + " does not exist", "start the kit first: ./kit up");
        }
        return token;
    }

    public JsonNode get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    JsonNode put(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .header("X-Actor", "kit CLI (" + System.getProperty("user.name") + ")")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    private JsonNode send(HttpRequest.Builder request) {
        HttpResponse<String> response;
        try {
            response = http.send(request.header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new KitException("the routing proxy's admin API does not answer on " + base,
                    "start the kit (./kit up) and check ./kit status; a moved admin port is set with KIT_PROXY_ADMIN_PORT");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KitException("interrupted", null);
        }
        JsonNode body = response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
        if (response.statusCode() == 200) {
            return body;
        }
        String detail = body.path("detail").asString("the proxy answered " + response.statusCode());
        if (response.statusCode() == 400 || response.statusCode() == 404) {
            throw new KitException(detail, "./kit route list shows the routes and their values", 2);
        }
        if (response.statusCode() == 409 || response.statusCode() == 503) {
            throw new KitException(detail, response.statusCode() == 409 ? "./kit route list shows the current version"
                    : "./kit status shows whether Kafka runs; the proxies keep serving their last route table meanwhile");
        }
        if (response.statusCode() == 401) {
            throw new KitException("the proxy refused the admin token",
                    "KIT_ADMIN_TOKEN and .kit/admin-token must match the token the proxy started with; ./kit down && ./kit up");
        }
        throw new KitException(detail, "see ./kit logs routing-proxy");
    }
}
