package io.stranglerkit.cdc;

import io.stranglerkit.cdc.support.BridgeProcess;
import io.stranglerkit.cdc.support.TestSchema;
import io.stranglerkit.cdc.support.TopicReader;
import io.stranglerkit.cdc.support.TopicReader.Change;
import io.stranglerkit.infra.kafka.KafkaBroker;
import io.stranglerkit.infra.mariadb.LocalMariaDb;
import io.stranglerkit.infra.mariadb.SharedMariaDb;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The bridge as a process, taken down the hard ways: kill -9 of the bridge mid-burst, the broker
 * restarted mid-stream, the database restarted, a schema change mid-stream. After each, every row
 * written must be in Kafka. Duplicates are allowed (at-least-once) and reported.
 */
class BridgeSurvivalIT {

    private static final Logger log = LoggerFactory.getLogger(BridgeSurvivalIT.class);
    private static final Duration STARTUP = Duration.ofSeconds(90);
    private static final Duration CONVERGE = Duration.ofSeconds(120);

    private static KafkaBroker kafka;

    @TempDir
    Path dataDir;

    @BeforeAll
    static void broker() {
        // A broker of this class's own: one test restarts it.
        kafka = KafkaBroker.start(Path.of("target", "survival-kafka-" + UUID.randomUUID()));
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    @Test
    void killDashNineDuringA20kRowBurstLosesNothing() throws Exception {
        TestSchema schema = new TestSchema(SharedMariaDb.get());
        String prefix = prefix();
        int rows = 20_000;
        BridgeProcess bridge = streamingBridge(SharedMariaDb.get(), schema, prefix);
        try {
            CompletableFuture<Void> burst = CompletableFuture.runAsync(() -> insert(schema, 1, rows, 500, 25));
            await().atMost(CONVERGE).pollInterval(Duration.ofMillis(20)).until(() -> bridge.published() >= 3_000 || burst.isDone());
            long publishedBeforeKill = bridge.published();
            bridge.kill();
            burst.get();
            bridge.start().awaitStreaming(STARTUP);

            Report report = awaitAllRows(prefix + "." + schema.name() + ".product", rows);
            log.info("kill -9 after {} published: {} of {} rows in Kafka, {} duplicates", publishedBeforeKill, report.distinct, rows, report.duplicates);
            assertThat(publishedBeforeKill).as("killed mid-burst").isLessThan(rows);
            assertThat(report.distinct).isEqualTo(rows);
        } finally {
            bridge.close();
        }
    }

    @Test
    void aKafkaRestartMidStreamLosesNothing() throws Exception {
        TestSchema schema = new TestSchema(SharedMariaDb.get());
        String prefix = prefix();
        int rows = 4_000;
        try (BridgeProcess bridge = streamingBridge(SharedMariaDb.get(), schema, prefix)) {
            CompletableFuture<Void> stream = CompletableFuture.runAsync(() -> insert(schema, 1, rows, 100, 50));
            await().atMost(CONVERGE).until(() -> bridge.published() >= 500);
            kafka.restart();
            stream.get();
            Report report = awaitAllRows(prefix + "." + schema.name() + ".product", rows);
            log.info("Kafka restart: {} of {} rows in Kafka, {} duplicates", report.distinct, rows, report.duplicates);
            assertThat(report.distinct).isEqualTo(rows);
            bridge.awaitStreaming(STARTUP);
        }
    }

    @Test
    void aSchemaChangeMidStreamLosesNothingAndNewColumnsFlow() throws Exception {
        TestSchema schema = new TestSchema(SharedMariaDb.get());
        String prefix = prefix();
        try (BridgeProcess bridge = streamingBridge(SharedMariaDb.get(), schema, prefix)) {
            CompletableFuture<Void> before = CompletableFuture.runAsync(() -> insert(schema, 1, 1_000, 100, 20));
            // What a Flyway migration in the monolith does, while changes are flowing.
            schema.execute("ALTER TABLE " + schema.name() + ".product ADD COLUMN weight_grams INT NULL");
            before.get();
            try (Connection c = schema.connect()) {
                c.createStatement().execute("INSERT INTO product (id, sku, name, price_cents, category_id, weight_grams)"
                        + " VALUES (5000, 'W-1', 'Anvil', 9900, 1, 50000)");
            }
            insert(schema, 1_001, 1_000, 100, 0);
            Report report = awaitAllRows(prefix + "." + schema.name() + ".product", 2_001);
            assertThat(report.distinct).isEqualTo(2_001);
            Change anvil = report.changes.stream().filter(ch -> !ch.tombstone() && ch.after().path("id").asLong() == 5000).findFirst().orElseThrow();
            assertThat(anvil.after().path("weight_grams").asInt()).isEqualTo(50000);
            assertThat(bridge.status().path("state").asString()).isEqualTo("streaming");
        }
    }

    @Test
    void aDatabaseRestartIsRiddenOut() throws Exception {
        Path dbDir = Path.of("target", "survival-db-" + UUID.randomUUID()).toAbsolutePath();
        int dbPort = LocalMariaDb.freePort();
        LocalMariaDb db = LocalMariaDb.builder().directory(dbDir).port(dbPort).innodbBufferPoolSize("64M").extraInitSql(SharedMariaDb.TEST_ADMIN_SQL).start();
        try {
            TestSchema schema = new TestSchema(db);
            String prefix = prefix();
            try (BridgeProcess bridge = streamingBridge(db, schema, prefix)) {
                insert(schema, 1, 500, 100, 0);
                db.stop();
                db = LocalMariaDb.builder().directory(dbDir).port(dbPort).innodbBufferPoolSize("64M").extraInitSql(SharedMariaDb.TEST_ADMIN_SQL).start();
                insert(schema, 501, 500, 100, 0);
                Report report = awaitAllRows(prefix + "." + schema.name() + ".product", 1_000);
                assertThat(report.distinct).isEqualTo(1_000);
                bridge.awaitStreaming(STARTUP);
            }
        } finally {
            db.stop();
        }
    }

    /** A pod's bridge: progress on Kafka, a data dir that does not outlive the process. */
    @Test
    void withProgressOnKafkaANewBridgeWithAnEmptyDataDirResumesWithoutASecondSnapshot(@TempDir Path firstPod, @TempDir Path secondPod) {
        TestSchema schema = new TestSchema(SharedMariaDb.get());
        String prefix = prefix();
        insert(schema, 1, 50, 50, 0);
        try (BridgeProcess bridge = new BridgeProcess(firstPod, SharedMariaDb.get().port(), kafka.bootstrapServers(), schema.tables(), prefix)) {
            bridge.with("CDC_PROGRESS_STORE", "kafka").start().awaitStreaming(STARTUP);
            insert(schema, 51, 450, 150, 0);
            awaitAllRows(prefix + "." + schema.name() + ".product", 450);
        }
        insert(schema, 501, 500, 100, 0);
        try (BridgeProcess bridge = new BridgeProcess(secondPod, SharedMariaDb.get().port(), kafka.bootstrapServers(), schema.tables(), prefix)) {
            bridge.with("CDC_PROGRESS_STORE", "kafka").start().awaitStreaming(STARTUP);
            Report report = awaitAllRows(prefix + "." + schema.name() + ".product", 950);
            long snapshotReads = report.changes.stream().filter(ch -> !ch.tombstone() && "r".equals(ch.op())).count();
            log.info("progress on Kafka: {} rows created while no bridge ran came through; {} snapshot reads in all", 500, snapshotReads);
            assertThat(report.distinct).isEqualTo(950);
            assertThat(snapshotReads).as("the 50 rows of the first bridge's snapshot, read once").isEqualTo(50);
            assertThat(secondPod).isEmptyDirectory();
        }
    }

    private BridgeProcess streamingBridge(LocalMariaDb db, TestSchema schema, String prefix) {
        return new BridgeProcess(dataDir, db.port(), kafka.bootstrapServers(), schema.tables(), prefix).start().awaitStreaming(STARTUP);
    }

    private record Report(long distinct, long duplicates, List<Change> changes) {
    }

    private Report awaitAllRows(String topic, int rows) {
        try (TopicReader reader = new TopicReader(kafka.bootstrapServers(), topic)) {
            List<Change> all = reader.until(CONVERGE, seen -> createdIds(seen).size() >= rows);
            Set<Long> distinct = createdIds(all);
            long creates = all.stream().filter(ch -> !ch.tombstone() && "c".equals(ch.op())).count();
            return new Report(distinct.size(), creates - distinct.size(), all);
        }
    }

    private static Set<Long> createdIds(List<Change> seen) {
        return seen.stream().filter(ch -> !ch.tombstone() && "c".equals(ch.op()))
                .map(ch -> ch.after().path("id").asLong()).collect(Collectors.toSet());
    }

    /** Inserts ids first..first+count-1 in transactions of {@code batch} rows, pausing between them. */
    private static void insert(TestSchema schema, int first, int count, int batch, long pauseMs) {
        try (Connection c = schema.connect();
             PreparedStatement insert = c.prepareStatement("INSERT INTO product (id, sku, name, price_cents, category_id) VALUES (?, ?, ?, ?, 1)")) {
            c.setAutoCommit(false);
            for (int id = first; id < first + count; id++) {
                insert.setLong(1, id);
                insert.setString(2, "SKU-" + id);
                insert.setString(3, "Product " + id);
                insert.setLong(4, 100 + id);
                insert.addBatch();
                if ((id - first + 1) % batch == 0 || id == first + count - 1) {
                    insert.executeBatch();
                    c.commit();
                    if (pauseMs > 0) {
                        Thread.sleep(pauseMs);
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String prefix() {
        return "sv" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    }

}
