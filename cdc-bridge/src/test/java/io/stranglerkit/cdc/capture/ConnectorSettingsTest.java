package io.stranglerkit.cdc.capture;

import io.stranglerkit.cdc.config.BridgeProperties;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConnectorSettingsTest {

    private final BridgeProperties properties = new BridgeProperties(
            new BridgeProperties.Database("db", 3306, "cdc", "secret"), "kafka:9092", Path.of("/data/cdc"),
            List.of("shop.product", "shop.category"), "legacy", 5401, "auto", "when_needed", "none",
            Duration.ofMillis(10), Duration.ofSeconds(1), "cdc.debezium_signal", 3, (short) 3, "", true, false,
            BridgeProperties.ProgressStore.FILE);

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
        BridgeProperties onKafka = new BridgeProperties(properties.database(), "kafka:9092", Path.of("/data/cdc"), properties.tables(), "legacy",
                5401, "auto", "when_needed", "none", Duration.ofMillis(10), Duration.ofSeconds(1), "cdc.debezium_signal", 3, (short) 3, "", true,
                false, BridgeProperties.ProgressStore.KAFKA);
        Properties c = ConnectorSettings.of(onKafka, SourceFlavor.MARIADB);
        assertThat(c.getProperty("offset.storage")).isEqualTo("org.apache.kafka.connect.storage.KafkaOffsetBackingStore");
        assertThat(c.getProperty("offset.storage.topic")).isEqualTo("legacy.cdc-bridge.offsets");
        assertThat(c.getProperty("offset.storage.replication.factor")).isEqualTo("3");
        assertThat(c.getProperty("bootstrap.servers")).isEqualTo("kafka:9092");
        assertThat(c.getProperty("schema.history.internal")).isEqualTo("io.debezium.storage.kafka.history.KafkaSchemaHistory");
        assertThat(c.getProperty("schema.history.internal.kafka.topic")).isEqualTo("legacy.cdc-bridge.schema-history");
        assertThat(c.stringPropertyNames()).noneMatch(key -> key.endsWith(".file.filename"));
    }

    @Test
    void aMySqlSourceGetsTheMySqlConnector() {
        Properties c = ConnectorSettings.of(properties, SourceFlavor.MYSQL);
        assertThat(c.getProperty("connector.class")).isEqualTo("io.debezium.connector.mysql.MySqlConnector");
        assertThat(c.getProperty("driver.allowPublicKeyRetrieval")).isEqualTo("true");
    }
}
