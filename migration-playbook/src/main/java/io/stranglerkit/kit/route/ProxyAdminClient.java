package io.stranglerkit.kit.route;

import io.stranglerkit.kit.KitException;
import io.stranglerkit.kit.launcher.KitSettings;
import io.stranglerkit.kit.launcher.Topology;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/** Calls the routing proxy's admin API with the kit's admin token; turns its problems into kit errors. */
public final class ProxyAdminClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<String> bases;
    private final String token;

    /** Any replica's admin API: the first's, else the next that answers (replicas share one route table). */
    public ProxyAdminClient(KitSettings settings) {
        this(settings, new Topology(settings).proxies().stream().map(replica -> replica.otherPorts().get(0)).toList());
    }

    /** The admin API of the replica listening on that port. */
    public ProxyAdminClient(KitSettings settings, int adminPort) {
        this(settings, List.of(adminPort));
    }

    private ProxyAdminClient(KitSettings settings, List<Integer> adminPorts) {
        this.bases = adminPorts.stream().map(port -> "http://127.0.0.1:" + port).toList();
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
        return send(path, uri -> HttpRequest.newBuilder(uri).GET());
    }

    public JsonNode put(String path, String json) {
        return send(path, uri -> HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .header("X-Actor", "kit CLI (" + System.getProperty("user.name") + ")")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    public JsonNode post(String path, String json) {
        return post(path, json, 1);
    }

    /** @param conflictExit the exit code when the proxy answers 409 (a ramp refused because of another is bad input: 2) */
    public JsonNode post(String path, String json, int conflictExit) {
        return send(path, conflictExit, uri -> HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .header("X-Actor", "kit CLI (" + System.getProperty("user.name") + ")")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public JsonNode delete(String path) {
        return send(path, uri -> HttpRequest.newBuilder(uri).header("X-Actor", "kit CLI (" + System.getProperty("user.name") + ")").DELETE());
    }

    private JsonNode send(String path, Function<URI, HttpRequest.Builder> request) {
        return send(path, 1, request);
    }

    private JsonNode send(String path, int conflictExit, Function<URI, HttpRequest.Builder> request) {
        HttpResponse<String> response = null;
        for (String base : bases) {
            try {
                // A change waits for the replicas' shared table (up to about 5 s when Kafka is down, then 503).
                response = http.send(request.apply(URI.create(base + path))
                                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(15)).build(),
                        HttpResponse.BodyHandlers.ofString());
                break;
            } catch (ConnectException notThisReplica) {
                // try the next replica
            } catch (IOException e) {
                throw new KitException("the routing proxy's admin API on " + base + " did not answer: " + e.getMessage(),
                        "check ./kit status and ./kit logs routing-proxy");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new KitException("interrupted", null);
            }
        }
        if (response == null) {
            throw new KitException("the routing proxy's admin API does not answer on " + String.join(", ", bases),
                    "start the kit (./kit up) and check ./kit status; a moved admin port is set with KIT_PROXY_ADMIN_PORT");
        }
        JsonNode body = response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
        if (response.statusCode() == 200 || response.statusCode() == 201) {
            return body;
        }
        String detail = body.path("detail").asString("the proxy answered " + response.statusCode());
        if (response.statusCode() == 400 || response.statusCode() == 404) {
            throw new KitException(detail, "./kit route list shows the routes and their values", 2);
        }
        if (response.statusCode() == 409) {
            throw new KitException(detail, "./kit route list shows the routes, ./kit ramp status the ramps", conflictExit);
        }
        if (response.statusCode() == 503) {
            throw new KitException(detail, "./kit status shows whether Kafka runs; the proxies keep serving their last route table meanwhile");
        }
        if (response.statusCode() == 401) {
            throw new KitException("the proxy refused the admin token",
                    "KIT_ADMIN_TOKEN and .kit/admin-token must match the token the proxy started with; ./kit down && ./kit up");
        }
        throw new KitException(detail, "see ./kit logs routing-proxy");
    }
}
