package io.stranglerkit.system.search;

import io.stranglerkit.infra.AppProcess;
import io.stranglerkit.infra.kafka.KafkaBroker;
import io.stranglerkit.infra.mariadb.LocalMariaDb;
import io.stranglerkit.infra.mariadb.SharedMariaDb;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The search extraction end to end, on private names: a shop database seeded by the real monolith,
 * the real cdc-bridge capturing it to topics of its own prefix, and the search service with its own
 * database, all as processes on the shared MariaDB and Kafka.
 */
public final class Pipeline implements AutoCloseable {

    public static final String ADMIN_TOKEN = "it-admin-token";
    private static final ObjectMapper JSON = new ObjectMapper();

    public final LocalMariaDb db = SharedMariaDb.get();
    public final KafkaBroker kafka = KafkaBroker.shared();
    public final String shopDb;
    public final String searchDb;
    public final String productTopic;
    public final String categoryTopic;
    public final String deadLetterTopic;
    public final AppProcess monolith;
    public final AppProcess bridge;
    public AppProcess search;
    public final Path searchIndexDir;
    private final Map<String, String> searchEnv;

    public Pipeline(int products) throws Exception {
        String id = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        shopDb = "sit_shop_" + id;
        searchDb = "sit_search_" + id;
        String prefix = "sit" + id;
        productTopic = prefix + "." + shopDb + ".product";
        categoryTopic = prefix + "." + shopDb + ".category";
        deadLetterTopic = prefix + ".search.dead-letter";
        execute("CREATE DATABASE " + shopDb + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci",
                "CREATE DATABASE " + searchDb + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");

        monolith = new AppProcess("legacy-monolith", prefix + "-monolith", Map.of(
                "SPRING_DATASOURCE_URL", db.jdbcUrl(shopDb), "SPRING_DATASOURCE_USERNAME", "kit_test", "SPRING_DATASOURCE_PASSWORD", "kit_test"));
        monolith.runToCompletion("seed", "--products=" + products);
        monolith.start();

        Path cdcData = Files.createTempDirectory(Path.of("target"), "cdc-" + id).toAbsolutePath();
        bridge = new AppProcess("cdc-bridge", prefix + "-bridge", Map.of(
                "CDC_DATABASE_PORT", String.valueOf(db.port()),
                "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                "CDC_DATA_DIR", cdcData.toString(),
                "CDC_TABLES", shopDb + ".product," + shopDb + ".category",
                "CDC_TOPIC_PREFIX", prefix,
                "CDC_SERVER_ID", String.valueOf(8000 + (int) (Math.random() * 1000)),
                "KIT_ADMIN_TOKEN", ADMIN_TOKEN)).start();

        searchIndexDir = Path.of("target", "search-index-" + id).toAbsolutePath();
        searchEnv = Map.of(
                "SPRING_DATASOURCE_URL", db.jdbcUrl(searchDb), "SPRING_DATASOURCE_USERNAME", "kit_test", "SPRING_DATASOURCE_PASSWORD", "kit_test",
                "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                "SEARCH_PRODUCT_TOPIC", productTopic,
                "SEARCH_CATEGORY_TOPIC", categoryTopic,
                "SEARCH_DEAD_LETTER_TOPIC", deadLetterTopic,
                "SEARCH_CONSUMER_GROUP", prefix + "-search",
                "SEARCH_INDEX_DIR", searchIndexDir.toString(),
                "KIT_ADMIN_TOKEN", ADMIN_TOKEN);
        search = new AppProcess("extracted-search-service", prefix + "-search", searchEnv).start();

        monolith.awaitHealthy(Duration.ofSeconds(120));
        bridge.awaitHealthy(Duration.ofSeconds(120));
        search.awaitHealthy(Duration.ofSeconds(120));
    }

    /** A new search service process on the same database, topics and consumer group. */
    public AppProcess restartSearch() throws InterruptedException {
        search.close();
        search = new AppProcess("extracted-search-service", "restarted-" + searchDb, searchEnv).start();
        return search.awaitHealthy(Duration.ofSeconds(120));
    }

    public AppProcess startSearchAfterCrash() throws InterruptedException {
        search = new AppProcess("extracted-search-service", "restarted-" + searchDb, searchEnv).start();
        return search.awaitHealthy(Duration.ofSeconds(120));
    }

    /** Removes the search service's index (the service must be stopped): its next start builds it from the search schema. */
    public void deleteSearchIndex() throws java.io.IOException {
        if (!Files.exists(searchIndexDir)) {
            return;
        }
        try (var files = Files.walk(searchIndexDir)) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    public Map<String, String> searchEnv() {
        return searchEnv;
    }

    public JsonNode searchStatus() throws Exception {
        return JSON.readTree(search.get("/status").body());
    }

    public static JsonNode json(String body) {
        return JSON.readTree(body);
    }

    public Connection shop() throws SQLException {
        return DriverManager.getConnection(db.jdbcUrl(shopDb), "kit_test", "kit_test");
    }

    /** id -> "name|description|price_cents|category name" for every product in the monolith's tables. */
    public Map<Long, String> monolithProducts() throws SQLException {
        return rows("SELECT p.id, CONCAT_WS('|', p.name, p.description, p.price_cents, c.name) FROM " + shopDb
                + ".product p JOIN " + shopDb + ".category c ON c.id = p.category_id");
    }

    /** The same shape from the search service's read model (live rows only). */
    public Map<Long, String> modelProducts() throws SQLException {
        return rows("SELECT id, CONCAT_WS('|', name, description, price_cents, category_name) FROM " + searchDb
                + ".product_doc WHERE NOT deleted");
    }

    /** Every column the feed writes, deleted markers included: equal before and after means "changed nothing". */
    public Map<Long, String> modelFingerprint() throws SQLException {
        return rows("SELECT id, CONCAT_WS('|', sku, name, description, price_cents, category_id, category_name, version, deleted,"
                + " binlog_file, binlog_pos, binlog_row) FROM " + searchDb + ".product_doc");
    }

    private Map<Long, String> rows(String sql) throws SQLException {
        Map<Long, String> out = new TreeMap<>();
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(""), "kit_test", "kit_test"); Statement s = c.createStatement();
             var rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.put(rs.getLong(1), rs.getString(2));
            }
        }
        return out;
    }

    public void execute(String... statements) throws SQLException {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(""), "kit_test", "kit_test"); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    @Override
    public void close() throws Exception {
        for (AppProcess process : new AppProcess[]{search, bridge, monolith}) {
            if (process != null) {
                process.close();
            }
        }
    }
}
