package io.stranglerkit.system.proxy;

import com.sun.net.httpserver.HttpServer;
import io.stranglerkit.infra.AppProcess;
import io.stranglerkit.infra.kafka.KafkaBroker;
import io.stranglerkit.infra.mariadb.LocalMariaDb;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two routing-proxy replicas as processes on one public port (SO_REUSEPORT), sharing their route
 * table through a Kafka broker of this test's own, in front of two stub backends.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProxyReplicasIT {

    static final String TOKEN = "replicas-test-token";
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient ADMIN = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static final String ID = UUID.randomUUID().toString().substring(0, 8);
    /** Drawn once Kafka and the backends listen: a port drawn before could be handed to the broker too. */
    static int publicPort;

    static KafkaBroker kafka;
    static HttpServer monolith;
    static HttpServer search;
    static final Map<String, AppProcess> replicas = new HashMap<>();
    static final Map<String, Integer> adminPorts = new HashMap<>();

    @BeforeAll
    static void start() throws Exception {
        kafka = KafkaBroker.start(Path.of("target", "it-kafka-replicas-" + ID));
        monolith = backend("monolith");
        search = backend("search-service");
        publicPort = LocalMariaDb.freePort();
        for (String name : List.of("routing-proxy", "routing-proxy-2")) {
            adminPorts.put(name, LocalMariaDb.freePort());
            replicas.put(name, replica(name));
        }
        for (AppProcess replica : replicas.values()) {
            replica.awaitHealthy(Duration.ofSeconds(120));
        }
    }

    @AfterAll
    static void stop() throws Exception {
        for (AppProcess replica : replicas.values()) {
            replica.close();
        }
        monolith.stop(0);
        search.stop(0);
        kafka.close();
    }

    @Test
    @Order(1)
    void aChangeOnOneReplicaIsServedByBoth() throws Exception {
        assertThat(put("routing-proxy", "search", "{\"servicePercent\":100}", null).statusCode()).isEqualTo(200);
        long version = routes("routing-proxy").get(0).get("version").asLong();
        await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(20))
                .until(() -> routes("routing-proxy-2").get(0).get("version").asLong() == version);
        Map<String, Integer> servedBy = new HashMap<>();
        for (int i = 0; i < 40; i++) {
            Answer response = viaPublicPort("/api/products/search?q=x", "client-" + i);
            servedBy.merge(response.body(), 1, Integer::sum);
        }
        assertThat(servedBy).containsOnlyKeys("search-service");
        // The stats' last minute takes in new requests once a second.
        await().atMost(Duration.ofSeconds(5)).until(() -> servedRequests("routing-proxy") + servedRequests("routing-proxy-2") == 40);
        long first = servedRequests("routing-proxy");
        long second = servedRequests("routing-proxy-2");
        assertThat(first).as("the kernel spread connections over both").isPositive();
        assertThat(second).isPositive();
        // Either replica's scope=replicas view adds both replicas' histograms.
        JsonNode merged = await().atMost(Duration.ofSeconds(15)).until(
                () -> JSON.readTree(admin("routing-proxy-2", HttpRequest.newBuilder(adminUri("routing-proxy-2", "/admin/stats?scope=replicas")).GET()).body()),
                stats -> stats.get("replicas").size() == 2);
        assertThat(merged.get("replicas").valueStream().allMatch(r -> r.get("answered").asBoolean())).isTrue();
        assertThat(merged.get("rows").valueStream().mapToLong(r -> r.get("lastMinute").get("count").asLong()).sum())
                .isEqualTo(first + second);
    }

    @Test
    @Order(2)
    void ofTwoWritesWithTheSameVersionOneWinsAndTheOtherGets409() throws Exception {
        long version = routes("routing-proxy").get(0).get("version").asLong();
        CompletableFuture<HttpResponse<String>> first = CompletableFuture.supplyAsync(
                () -> putQuietly("routing-proxy", "search", "{\"servicePercent\":20,\"version\":" + version + "}"));
        CompletableFuture<HttpResponse<String>> second = CompletableFuture.supplyAsync(
                () -> putQuietly("routing-proxy-2", "search", "{\"servicePercent\":70,\"version\":" + version + "}"));
        List<Integer> statuses = new ArrayList<>(List.of(first.get().statusCode(), second.get().statusCode()));
        statuses.sort(null);
        assertThat(statuses).containsExactly(200, 409);
        HttpResponse<String> loser = first.get().statusCode() == 409 ? first.get() : second.get();
        assertThat(loser.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(JSON.readTree(loser.body()).get("errors").get(0).get("field").asString()).isEqualTo("version");
        HttpResponse<String> stale = put("routing-proxy", "search", "{\"servicePercent\":30}", "\"" + version + "\"");
        assertThat(stale.statusCode()).as("If-Match with the old version").isEqualTo(409);
    }

    @Test
    @Order(3)
    void aStickyClientGetsTheSameSideFromEitherReplica() throws Exception {
        assertThat(put("routing-proxy-2", "search", "{\"servicePercent\":50,\"sticky\":true}", null).statusCode()).isEqualTo(200);
        long version = routes("routing-proxy-2").get(0).get("version").asLong();
        await().atMost(Duration.ofSeconds(2)).until(() -> routes("routing-proxy").get(0).get("version").asLong() == version);
        for (int client = 0; client < 30; client++) {
            String first = viaPublicPort("/api/products/search?q=x", "sticky-" + client).body();
            for (int again = 0; again < 5; again++) {
                assertThat(viaPublicPort("/api/products/search?q=x", "sticky-" + client).body()).isEqualTo(first);
            }
        }
    }

    /**
     * A caller that hangs up while its change is being committed to Kafka: the change is still made and audited, and the
     * next change works (an interrupted commit once left the Kafka producer closed, and every later change got a 500).
     */
    @Test
    @Order(4)
    void aCallerHangingUpMidChangeLeavesTheChangeAuditedAndTheAdminApiWorking() throws Exception {
        long before = routes("routing-proxy").get(0).get("version").asLong();
        for (int percent : new int[]{11, 12, 13}) {
            // The whole request sent, then the connection closed at once, as a client that gives up does.
            String body = "{\"servicePercent\":" + percent + "}";
            try (java.net.Socket socket = new java.net.Socket("127.0.0.1", adminPorts.get("routing-proxy"))) {
                socket.getOutputStream().write(("PUT /admin/routes/search HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + TOKEN
                        + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n" + body)
                        .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> auditedAfter(before).size() == percent - 10);
        }
        HttpResponse<String> next = put("routing-proxy", "search", "{\"servicePercent\":50}", null); // as the sticky test left it
        assertThat(next.statusCode()).as(next.body()).isEqualTo(200);
        long after = routes("routing-proxy").get(0).get("version").asLong();
        assertThat(auditedAfter(before)).as("every committed version has its audit line").hasSize((int) (after - before));
    }

    private static List<JsonNode> auditedAfter(long version) throws IOException, InterruptedException {
        JsonNode audit = JSON.readTree(admin("routing-proxy", HttpRequest.newBuilder(adminUri("routing-proxy", "/admin/audit?limit=1000")).GET())
                .body());
        return audit.valueStream().filter(entry -> entry.path("version").asLong() > version).toList();
    }

    @Test
    @Order(5)
    void withKafkaStoppedBothServeTheLastTableWritesAre503AndAReplicaRestartsFromDisk() throws Exception {
        long version = routes("routing-proxy").get(0).get("version").asLong();
        kafka.stop();
        try {
            HttpResponse<String> refused = put("routing-proxy", "search", "{\"servicePercent\":90}", null);
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(refused.body()).contains("Kafka");
            replicas.get("routing-proxy-2").kill();
            replicas.put("routing-proxy-2", replica("routing-proxy-2").awaitHealthy(Duration.ofSeconds(120)));
            assertThat(routes("routing-proxy-2").get(0).get("version").asLong()).isEqualTo(version);
            assertThat(routes("routing-proxy-2").get(0).get("servicePercent").asInt()).isEqualTo(50);
            for (int i = 0; i < 20; i++) {
                assertThat(viaPublicPort("/api/products/search?q=x", "during-" + i).statusCode()).isEqualTo(200);
            }
        } finally {
            kafka.restart();
        }
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                .until(() -> put("routing-proxy", "search", "{\"servicePercent\":0}", null).statusCode() == 200);
        long after = routes("routing-proxy").get(0).get("version").asLong();
        assertThat(after).isGreaterThan(version);
        await().atMost(Duration.ofSeconds(30)).until(() -> routes("routing-proxy-2").get(0).get("version").asLong() == after);
    }

    @Test
    @Order(6)
    void withOneReplicaKilledThePortStaysOpen() throws Exception {
        replicas.get("routing-proxy").kill();
        for (int i = 0; i < 40; i++) {
            Answer response = viaPublicPort("/api/orders/1", "after-kill-" + i);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("monolith");
        }
    }

    static AppProcess replica(String name) {
        Map<String, String> env = new HashMap<>(Map.of(
                "PROXY_REPLICA", name,
                "PROXY_REUSE_PORT", "true",
                "PROXY_ADMIN_PORT", String.valueOf(adminPorts.get(name)),
                "KIT_ADMIN_TOKEN", TOKEN,
                "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                "PROXY_ROUTE_TABLE_TOPIC", "it-route-table-" + ID,
                "MONOLITH_URL", url(monolith),
                "SEARCH_SERVICE_URL", url(search),
                "CATALOG_SERVICE_URL", "http://127.0.0.1:9",
                "PROXY_DATA_DIR", Path.of("target", "replicas-" + ID, name).toAbsolutePath().toString()));
        return new AppProcess("routing-proxy", "replicas-" + ID + "-" + name, env, publicPort)
                .withManagementPort("PROXY_MANAGEMENT_PORT").start();
    }

    record Answer(int statusCode, String body) {
    }

    /** A new connection per request (Connection: close), so the kernel picks a replica each time. */
    static Answer viaPublicPort(String path, String clientId) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create("http://127.0.0.1:" + publicPort + path).toURL().openConnection();
        connection.setRequestProperty("Connection", "close");
        connection.setRequestProperty("X-Client-Id", clientId);
        connection.setConnectTimeout(5_000);
        connection.setReadTimeout(10_000);
        try (InputStream in = connection.getResponseCode() < 400 ? connection.getInputStream() : connection.getErrorStream()) {
            return new Answer(connection.getResponseCode(), in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } finally {
            connection.disconnect();
        }
    }

    static JsonNode routes(String replica) throws IOException, InterruptedException {
        return JSON.readTree(admin(replica, HttpRequest.newBuilder(adminUri(replica, "/admin/routes")).GET()).body());
    }

    static long servedRequests(String replica) throws IOException, InterruptedException {
        JsonNode stats = JSON.readTree(admin(replica, HttpRequest.newBuilder(adminUri(replica, "/admin/stats")).GET()).body());
        return stats.get("rows").valueStream().mapToLong(row -> row.get("lastMinute").get("count").asLong()).sum();
    }

    static HttpResponse<String> put(String replica, String route, String body, String ifMatch) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(adminUri(replica, "/admin/routes/" + route))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body));
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return admin(replica, request);
    }

    static HttpResponse<String> putQuietly(String replica, String route, String body) {
        try {
            return put(replica, route, body, null);
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    static HttpResponse<String> admin(String replica, HttpRequest.Builder request) throws IOException, InterruptedException {
        return ADMIN.send(request.header("Authorization", "Bearer " + TOKEN).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static URI adminUri(String replica, String path) {
        return URI.create("http://127.0.0.1:" + adminPorts.get(replica) + path);
    }

    static HttpServer backend(String name) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = name.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return server;
    }

    static String url(HttpServer server) {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }
}
