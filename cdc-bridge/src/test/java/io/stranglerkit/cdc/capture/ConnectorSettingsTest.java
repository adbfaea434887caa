package io.stranglerkit.cdc.capture;

import io.stranglerkit.cdc.config.BridgeProperties;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

class ConnectorSettingsTest {

    private final BridgeProperties properties = properties(BridgeProperties.ProgressStore.FILE);

    private static BridgeProperties properties(BridgeProperties.ProgressStore store) {
        return new BridgeProperties(new BridgeProperties.Database("db", 3306, "cdc", "secret"), "kafka:9092", Path.of("/data/cdc"),
                List.of("shop.product", "shop.category"), "legacy", 5401, "auto", "when_needed", "none",
                Duration.ofMillis(10), Duration.ofSeconds(1), "cdc.debezium_signal", 3, (short) 3, "", true, false, store);
    }

    @Test
    void theServerVersionPicksTheConnector() {
        assertThat(SourceFlavor.fromServerVersion("11.4.5-MariaDB-log")).isEqualTo(SourceFlavor.MARIADB);
        assertThat(SourceFlavor.fromServerVersion("10.11.6-MariaDB-0+deb12u1")).isEqualTo(SourceFlavor.MARIADB);
        assertThat(SourceFlavor.fromServerVersion("8.4.3")).isEqualTo(SourceFlavor.MYSQL);
        assertThat(SourceFlavor.choose("auto", () -> "8.0.39")).isEqualTo(SourceFlavor.MYSQL);
    }

    @Test
    void aConfiguredFlavorWinsWithoutAskingTheServer() {
        assertThat(SourceFlavor.choose("MySQL", () -> { throw new AssertionError("not asked"); })).isEqualTo(SourceFlavor.MYSQL);
        assertThat(SourceFlavor.choose("mariadb", () -> { throw new AssertionError("not asked"); })).isEqualTo(SourceFlavor.MARIADB);
        assertThatThrownBy(() -> SourceFlavor.choose("postgres", () -> "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("auto, mariadb or mysql");
    }

    @Test
    void theEngineStoresProgressUnderTheDataDirAndNeverLocksTheDatabaseGlobally() {
        Properties c = ConnectorSettings.of(properties, SourceFlavor.MARIADB);
        assertThat(c.getProperty("connector.class")).isEqualTo("io.debezium.connector.mariadb.MariaDbConnector");
        assertThat(c.getProperty("offset.storage.file.filename")).isEqualTo("/data/cdc/offsets.dat");
        assertThat(c.getProperty("schema.history.internal.file.filename")).isEqualTo("/data/cdc/schema-history.dat");
        assertThat(c.getProperty("snapshot.locking.mode")).isEqualTo("none");
        assertThat(c.getProperty("table.include.list")).isEqualTo("shop.product,shop.category");
        assertThat(c.getProperty("topic.prefix")).isEqualTo("legacy");
        assertThat(c.getProperty("poll.interval.ms")).isEqualTo("10");
        assertThat(c.getProperty("signal.data.collection")).isEqualTo("cdc.debezium_signal");
        assertThat(c.getProperty("decimal.handling.mode")).isEqualTo("string");
        assertThat(c.getProperty("include.schema.changes")).isEqualTo("false");
        assertThat(c.getProperty("include.query")).isEqualTo("true");
    }

    @Test
    void progressOnKafkaUsesCompactedTopicsNamedAfterThePrefixAndNoFile() {
        Properties c = ConnectorSettings.of(properties(BridgeProperties.ProgressStore.KAFKA), SourceFlavor.MARIADB);
        assertThat(c).contains(
                entry("offset.storage", "org.apache.kafka.connect.storage.KafkaOffsetBackingStore"),
                entry("offset.storage.topic", "legacy.cdc-bridge.offsets"), entry("offset.storage.replication.factor", "3"),
                entry("bootstrap.servers", "kafka:9092"), entry("schema.history.internal", "io.debezium.storage.kafka.history.KafkaSchemaHistory"),
                entry("schema.history.internal.kafka.topic", "legacy.cdc-bridge.schema-history"));
        assertThat(c.stringPropertyNames()).noneMatch(key -> key.endsWith(".file.filename"));
    }

    @Test
    void aMySqlSourceGetsTheMySqlConnector() {
        Properties c = ConnectorSettings.of(properties, SourceFlavor.MYSQL);
        assertThat(c.getProperty("connector.class")).isEqualTo("io.debezium.connector.mysql.MySqlConnector");
        assertThat(c.getProperty("driver.allowPublicKeyRetrieval")).isEqualTo("true");
    }
}
