package io.stranglerkit.cdc;

import io.stranglerkit.cdc.support.TestSchema;
import io.stranglerkit.cdc.support.TopicReader;
import io.stranglerkit.cdc.support.TopicReader.Change;
import io.stranglerkit.infra.kafka.KafkaBroker;
import io.stranglerkit.infra.mariadb.SharedMariaDb;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The bridge in this JVM against a real MariaDB and a real Kafka broker. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CdcBridgeIT {

    private static final String TOKEN = "it-admin-token";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final Duration WITHIN = Duration.ofSeconds(60);

    private static TestSchema schema;
    private static String topicPrefix;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void bridge(DynamicPropertyRegistry registry) throws Exception {
        schema = new TestSchema(SharedMariaDb.get());
        // Rows that exist before the bridge starts must arrive through the initial snapshot.
        schema.execute("INSERT INTO " + schema.name() + ".product (id, sku, name, price_cents, category_id) VALUES"
                + " (1, 'S-1', 'Hammer', 1299, 1), (2, 'S-2', 'Saw', 2599, 1)");
        topicPrefix = "it" + schema.name().substring(6);
        registry.add("cdc.database.port", () -> SharedMariaDb.get().port());
        registry.add("cdc.kafka-bootstrap-servers", () -> KafkaBroker.shared().bootstrapServers());
        Path dataDir = Files.createTempDirectory("cdc-it");
        registry.add("cdc.data-dir", dataDir::toString);
        registry.add("cdc.tables", schema::tables);
        registry.add("cdc.topic-prefix", () -> topicPrefix);
        registry.add("cdc.server-id", () -> 6000 + (int) (Math.random() * 1000));
        registry.add("cdc.admin-token", () -> TOKEN);
    }

    /**
     * Changes committed before the snapshot's binlog position are represented only by the snapshot's
     * reads, so tests that expect change events start writing once the bridge streams.
     */
    @BeforeEach
    void streaming() {
        await().atMost(WITHIN).ignoreExceptions()
                .until(() -> JSON.readTree(get("/status").body()).path("state").asString().equals("streaming"));
    }

    private String productTopic() {
        return topicPrefix + "." + schema.name() + ".product";
    }

    @Test
    void existingRowsArriveAsSnapshotReadsWithTheDebeziumEnvelope() {
        try (TopicReader reader = new TopicReader(KafkaBroker.shared().bootstrapServers(), productTopic())) {
            List<Change> seen = reader.until(WITHIN, all -> reads(all).size() >= 2);
            Change hammer = reads(seen).stream().filter(c -> c.after().path("id").asLong() == 1).findFirst().orElseThrow();
            assertThat(JSON.readTree(hammer.key()).path("id").asLong()).isEqualTo(1);
            assertThat(hammer.after().path("sku").asString()).isEqualTo("S-1");
            assertThat(hammer.after().path("price_cents").asLong()).isEqualTo(1299);
            assertThat(hammer.value().path("before").isNull()).isTrue();
            assertThat(hammer.value().path("source").path("db").asString()).isEqualTo(schema.name());
            assertThat(hammer.value().path("source").path("table").asString()).isEqualTo("product");
            assertThat(hammer.value().has("ts_ms")).isTrue();
        }
    }

    @Test
    void insertUpdateAndDeleteArriveInOrderWithBeforeAndAfter() throws Exception {
        long id = 100;
        try (Connection c = schema.connect()) {
            c.createStatement().execute("INSERT INTO product (id, sku, name, price_cents, category_id) VALUES (" + id + ", 'S-100', 'Drill', 4999, 1)");
            c.createStatement().execute("UPDATE product SET price_cents = 4599, version = version + 1 WHERE id = " + id);
            c.createStatement().execute("DELETE FROM product WHERE id = " + id);
        }
        try (TopicReader reader = new TopicReader(KafkaBroker.shared().bootstrapServers(), productTopic())) {
            List<Change> forRow = reader.until(WITHIN, all -> ofRow(all, id).size() >= 4).stream()
                    .filter(ch -> JSON.readTree(ch.key()).path("id").asLong() == id).toList();
            assertThat(forRow).extracting(ch -> ch.tombstone() ? "tombstone" : ch.op()).containsExactly("c", "u", "d", "tombstone");
            Change update = forRow.get(1);
            assertThat(update.value().path("before").path("price_cents").asLong()).isEqualTo(4999);
            assertThat(update.after().path("price_cents").asLong()).isEqualTo(4599);
            assertThat(update.after().path("version").asLong()).isEqualTo(1);
            Change delete = forRow.get(2);
            assertThat(delete.value().path("after").isNull()).isTrue();
            assertThat(delete.value().path("before").path("sku").asString()).isEqualTo("S-100");
            // What a consumer needs to de-duplicate a replay: the binlog coordinates of the change.
            JsonNode source = update.value().path("source");
            assertThat(source.path("file").asString()).isNotBlank();
            assertThat(source.path("pos").asLong()).isPositive();
            assertThat(source.path("ts_ms").asLong()).isPositive();
        }
    }

    @Test
    void changesToOneRowKeepTheirOrderInItsPartition() throws Exception {
        long id = 200;
        int updates = 300;
        try (Connection c = schema.connect()) {
            c.createStatement().execute("INSERT INTO product (id, sku, name, price_cents, category_id) VALUES (" + id + ", 'S-200', 'Level', 1, 1)");
            try (PreparedStatement update = c.prepareStatement("UPDATE product SET version = ? WHERE id = ?")) {
                for (int v = 1; v <= updates; v++) {
                    update.setLong(1, v);
                    update.setLong(2, id);
                    update.executeUpdate();
                }
            }
        }
        try (TopicReader reader = new TopicReader(KafkaBroker.shared().bootstrapServers(), productTopic())) {
            // Row changes only: a re-snapshot's reads ("r") copy a row's state at some moment and may sit
            // anywhere among its changes (see README, "Ordering").
            List<Change> forRow = reader.until(WITHIN, all -> changesOf(ofRow(all, id)).size() >= updates + 1).stream()
                    .filter(ch -> JSON.readTree(ch.key()).path("id").asLong() == id).toList();
            forRow = changesOf(forRow);
            List<Long> versions = forRow.stream().map(ch -> ch.after().path("version").asLong()).toList();
            assertThat(versions).isSorted().hasSize(updates + 1).endsWith((long) updates);
            assertThat(forRow.stream().map(Change::partition).collect(Collectors.toSet())).hasSize(1);
        }
    }

    @Test
    void statusHealthAndMetricsDescribeTheCapture() throws Exception {
        try (Connection c = schema.connect()) {
            c.createStatement().execute("UPDATE category SET name = 'Hand tools' WHERE id = 1");
        }
        await().atMost(WITHIN).untilAsserted(() -> {
            JsonNode status = JSON.readTree(get("/status").body());
            assertThat(status.path("state").asString()).isEqualTo("streaming");
            assertThat(status.path("connector").asString()).isEqualTo("mariadb");
            assertThat(status.path("kafka").path("reachable").asBoolean()).isTrue();
            assertThat(status.path("events").path("perTable").path(schema.name() + ".category").path("lastOp").asString()).isEqualTo("u");
            assertThat(status.path("position").path("file").asString()).isNotBlank();
        });
        HttpResponse<String> health = get("/actuator/health");
        JsonNode healthJson = JSON.readTree(health.body());
        assertThat(healthJson.path("status").asString()).isEqualTo("UP");
        assertThat(healthJson.path("components").path("capture").path("details").path("state").asString()).isEqualTo("streaming");
        assertThat(healthJson.path("components").path("kafka").path("status").asString()).isEqualTo("UP");
        String metrics = get("/actuator/prometheus").body();
        assertThat(metrics).contains("cdc_events_published_total{").contains("table=\"" + schema.name() + ".category\"")
                .contains("cdc_commit_to_publish_seconds_bucket").contains("cdc_last_event_timestamp_seconds");
    }

    @Test
    void aResnapshotNeedsTheTokenAndACapturedTable() throws Exception {
        assertThat(post("/admin/snapshots", "{\"table\":\"product\"}", null).statusCode()).isEqualTo(401);
        assertThat(post("/admin/snapshots", "{\"table\":\"product\"}", "wrong").statusCode()).isEqualTo(401);
        HttpResponse<String> unknown = post("/admin/snapshots", "{\"table\":\"orders\"}", TOKEN);
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(JSON.readTree(unknown.body()).path("errors").path(0).path("field").asString()).isEqualTo("table");
        assertThat(post("/admin/snapshots", "", TOKEN).statusCode()).isEqualTo(400);
        assertThat(post("/admin/snapshots", "{not json", TOKEN).statusCode()).isEqualTo(400);
    }

    @Test
    void aResnapshotRepublishesEveryRowWhileStreamingGoesOn() throws Exception {
        HttpResponse<String> accepted = post("/admin/snapshots", "{\"table\":\"product\"}", TOKEN);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        try (TopicReader reader = new TopicReader(KafkaBroker.shared().bootstrapServers(), productTopic())) {
            List<Change> seen = reader.until(WITHIN, all -> incrementalIds(all).containsAll(Set.of(1L, 2L)));
            assertThat(incrementalIds(seen)).contains(1L, 2L);
        }
    }

    private static Set<Long> incrementalIds(List<Change> all) {
        return all.stream().filter(c -> !c.tombstone() && "r".equals(c.op())
                        && "incremental".equals(c.value().path("source").path("snapshot").asString()))
                .map(c -> c.after().path("id").asLong()).collect(Collectors.toSet());
    }

    private static List<Change> changesOf(List<Change> all) {
        return all.stream().filter(c -> !c.tombstone() && !"r".equals(c.op())).toList();
    }

    private static List<Change> reads(List<Change> all) {
        return all.stream().filter(c -> !c.tombstone() && "r".equals(c.op())).toList();
    }

    private static List<Change> ofRow(List<Change> all, long id) {
        return all.stream().filter(c -> JSON.readTree(c.key()).path("id").asLong() == id).toList();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
