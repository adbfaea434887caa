package io.stranglerkit.system.catalog;

import io.stranglerkit.infra.AppProcess;
import io.stranglerkit.infra.kafka.KafkaBroker;
import io.stranglerkit.infra.mariadb.LocalMariaDb;
import io.stranglerkit.infra.mariadb.SharedMariaDb;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The catalog extraction end to end, on private names: the real monolith on a seeded shop database,
 * the real cdc-bridge capturing the shop and the catalog schema, the catalog service (which applies
 * the monolith's changes and sends its own back), and the routing proxy in front, all as processes on the shared MariaDB and Kafka.
 */
public final class TwoWayPipeline implements AutoCloseable {

    public static final String ADMIN_TOKEN = "it-admin-token";
    private static final ObjectMapper JSON = new ObjectMapper();

    public final LocalMariaDb db = SharedMariaDb.get();
    public final KafkaBroker kafka = KafkaBroker.shared();
    public final String shopDb;
    public final String catalogDb;
    public final AppProcess monolith;
    public AppProcess bridge;
    public AppProcess catalog;
    private final Map<String, String> catalogEnv;
    public final AppProcess proxy;
    private final Map<String, String> bridgeEnv;
    private final int proxyAdminPort = LocalMariaDb.freePort();

    public TwoWayPipeline(int products) throws Exception {
        String id = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        shopDb = "cit_shop_" + id;
        catalogDb = "cit_catalog_" + id;
        String prefix = "cit" + id;
        execute("CREATE DATABASE " + shopDb + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci",
                "CREATE DATABASE " + catalogDb + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");

        monolith = new AppProcess("legacy-monolith", prefix + "-monolith", Map.of(
                "SPRING_DATASOURCE_URL", db.jdbcUrl(shopDb), "SPRING_DATASOURCE_USERNAME", "kit_test", "SPRING_DATASOURCE_PASSWORD", "kit_test"));
        monolith.runToCompletion("seed", "--products=" + products);
        monolith.start();

        // The catalog's tables must exist before the bridge starts capturing them.
        catalogEnv = new HashMap<>(Map.of(
                "SPRING_DATASOURCE_URL", db.jdbcUrl(catalogDb), "SPRING_DATASOURCE_USERNAME", "kit_test", "SPRING_DATASOURCE_PASSWORD", "kit_test",
                "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                "CATALOG_PRODUCT_TOPIC", prefix + "." + shopDb + ".product",
                "CATALOG_CATEGORY_TOPIC", prefix + "." + shopDb + ".category",
                "CATALOG_ORDER_LINE_TOPIC", prefix + "." + shopDb + ".order_line",
                "CATALOG_DEAD_LETTER_TOPIC", prefix + ".catalog.dead-letter",
                "CATALOG_CONSUMER_GROUP", prefix + "-catalog",
                "KIT_ADMIN_TOKEN", ADMIN_TOKEN));
        // The reverse sync, which the catalog owns: its topic (the bridge captures the catalog schema), the shop.
        catalogEnv.putAll(Map.of(
                "CATALOG_REVERSE_SYNC_TOPIC", prefix + "." + catalogDb + ".product",
                "CATALOG_REVERSE_SYNC_CONSUMER_GROUP", prefix + "-reverse",
                "CATALOG_REVERSE_SYNC_DEAD_LETTER_TOPIC", prefix + ".catalog.reverse-sync.dead-letter",
                "CATALOG_SHOP_DATASOURCE_URL", db.jdbcUrl(shopDb),
                "CATALOG_SHOP_DATASOURCE_USERNAME", "kit_test",
                "CATALOG_SHOP_DATASOURCE_PASSWORD", "kit_test"));
        catalog = new AppProcess("extracted-catalog-service", prefix + "-catalog", catalogEnv).start();
        catalog.awaitHealthy(Duration.ofSeconds(120));

        Path cdcData = Files.createTempDirectory(Path.of("target"), "cdc-" + id).toAbsolutePath();
        bridgeEnv = new HashMap<>(Map.of(
                "CDC_DATABASE_PORT", String.valueOf(db.port()),
                "CDC_DATABASE_USER", "kit_test", "CDC_DATABASE_PASSWORD", "kit_test",
                "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                "CDC_DATA_DIR", cdcData.toString(),
                "CDC_TABLES", shopDb + ".product," + shopDb + ".category," + shopDb + ".order_line," + catalogDb + ".product",
                "CDC_TOPIC_PREFIX", prefix,
                "CDC_SERVER_ID", String.valueOf(9000 + (int) (Math.random() * 1000))));
        bridge = new AppProcess("cdc-bridge", prefix + "-bridge", bridgeEnv).start();

        proxy = new AppProcess("routing-proxy", prefix + "-proxy", Map.of(
                "PROXY_ADMIN_PORT", String.valueOf(proxyAdminPort),
                "KIT_ADMIN_TOKEN", ADMIN_TOKEN,
                "MONOLITH_URL", monolith.url(),
                "CATALOG_SERVICE_URL", catalog.url(),
                "SEARCH_SERVICE_URL", "http://127.0.0.1:9",
                // Until the bridge is restarted on another port (killBridge, startBridge): a ramp's drain reads its state.
                "CDC_BRIDGE_URL", bridge.url(),
                "PROXY_DATA_DIR", Files.createTempDirectory(Path.of("target"), "proxy-" + id).toAbsolutePath().toString()))
                .withManagementPort("PROXY_MANAGEMENT_PORT").start();

        monolith.awaitHealthy(Duration.ofSeconds(120));
        bridge.awaitHealthy(Duration.ofSeconds(120));
        proxy.awaitHealthy(Duration.ofSeconds(120));
    }

    /** Stops the catalog service and starts it again on the same schema and consumer group (a new port). */
    public void restartCatalog() throws Exception {
        catalog.close();
        catalog = new AppProcess("extracted-catalog-service", "restarted-" + catalogDb + "-catalog", catalogEnv).start();
        catalog.awaitHealthy(Duration.ofSeconds(120));
    }

    /** {@code kill -9} of the bridge: nothing is flushed, no offset is stored on the way out. */
    public void killBridge() throws InterruptedException {
        bridge.kill();
    }

    public void startBridge() throws InterruptedException {
        bridge = new AppProcess("cdc-bridge", "restarted-" + catalogDb + "-bridge", bridgeEnv).start();
        bridge.awaitHealthy(Duration.ofSeconds(120));
    }

    public void setRoute(String route, int percent) throws Exception {
        HttpResponse<String> response = proxy.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxyAdminPort + "/admin/routes/" + route))
                .header("Authorization", "Bearer " + ADMIN_TOKEN).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"servicePercent\":" + percent + ",\"sticky\":false}")));
        if (response.statusCode() != 200) {
            throw new AssertionError("route " + route + " not set: " + response.body());
        }
    }

    /** A call to the proxy's admin API with the kit's token. */
    public HttpResponse<String> proxyAdmin(String method, String path, String json) throws Exception {
        return proxy.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxyAdminPort + path))
                .header("Authorization", "Bearer " + ADMIN_TOKEN).header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)));
    }

    public JsonNode catalogStatus() throws Exception {
        return JSON.readTree(catalog.get("/status").body());
    }

    public JsonNode bridgeStatus() throws Exception {
        return JSON.readTree(bridge.get("/status").body());
    }

    public static JsonNode json(String body) {
        return JSON.readTree(body);
    }

    /** id -> every field a reader sees, in the shop's terms, for every product of the monolith. */
    public Map<Long, String> shopProducts() throws SQLException {
        return rows("SELECT id, CONCAT_WS('|', sku, name, description, price_cents, category_id, version, updated_at) FROM "
                + shopDb + ".product");
    }

    /** The same shape from the catalog's live products (prices back in cents). */
    public Map<Long, String> catalogProducts() throws SQLException {
        return rows("SELECT id, CONCAT_WS('|', sku, name, description, CAST(price * 100 AS SIGNED), category_id, version, updated_at)"
                + " FROM " + catalogDb + ".product WHERE deleted_at IS NULL");
    }

    /** id -> "shop: ... / catalog: ..." for every product the two databases disagree on (absent = "none"). */
    public Map<Long, String> differences() throws SQLException {
        Map<Long, String> shop = shopProducts();
        Map<Long, String> catalog = catalogProducts();
        Map<Long, String> out = new TreeMap<>();
        java.util.Set<Long> ids = new java.util.TreeSet<>(shop.keySet());
        ids.addAll(catalog.keySet());
        for (Long id : ids) {
            if (!java.util.Objects.equals(shop.get(id), catalog.get(id))) {
                out.put(id, "shop: " + shop.getOrDefault(id, "none") + " / catalog: " + catalog.getOrDefault(id, "none"));
            }
        }
        return out;
    }

    private Map<Long, String> rows(String sql) throws SQLException {
        Map<Long, String> out = new TreeMap<>();
        try (Connection c = connect(); Statement s = c.createStatement(); var rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.put(rs.getLong(1), rs.getString(2));
            }
        }
        return out;
    }

    public void execute(String... statements) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(db.jdbcUrl(""), "kit_test", "kit_test");
    }

    @Override
    public void close() throws Exception {
        for (AppProcess process : new AppProcess[]{proxy, catalog, bridge, monolith}) {
            if (process != null) {
                process.close();
            }
        }
    }
}
