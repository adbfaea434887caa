package io.stranglerkit.cdc.capture;

import io.stranglerkit.cdc.config.BridgeProperties;

import java.util.Properties;

/**
 * The Debezium engine configuration the bridge runs with. Kept in one place, as data, so a test can
 * read what the bridge asks Debezium to do.
 */
public final class ConnectorSettings {

    private ConnectorSettings() {
    }

    public static Properties of(BridgeProperties p, SourceFlavor flavor) {
        Properties c = new Properties();
        c.setProperty("name", "cdc-bridge");
        c.setProperty("connector.class", flavor.connectorClass());
        c.setProperty("tasks.max", "1");

        c.setProperty("database.hostname", p.database().host());
        c.setProperty("database.port", String.valueOf(p.database().port()));
        c.setProperty("database.user", p.database().user());
        c.setProperty("database.password", p.database().password());
        // The bridge joins replication as a replica with this id: it must differ from every other replica's.
        c.setProperty("database.server.id", String.valueOf(p.serverId()));
        if (flavor == SourceFlavor.MYSQL) {
            c.setProperty("driver.allowPublicKeyRetrieval", "true");
        }
        // A restarted database is noticed through missed binlog heartbeats; Debezium's 60 s default
        // kept the bridge silently disconnected for two minutes after a restart.
        c.setProperty("connect.keep.alive", "true");
        c.setProperty("connect.keep.alive.interval.ms", "5000");

        c.setProperty("topic.prefix", p.topicPrefix());
        c.setProperty("table.include.list", String.join(",", p.tables()));
        // Only row changes go to Kafka; the DDL history stays in the bridge's own file.
        c.setProperty("include.schema.changes", "false");
        c.setProperty("tombstones.on.delete", "true");
        // Readable JSON for any consumer: decimals as strings, not base64 bytes.
        c.setProperty("decimal.handling.mode", "string");
        c.setProperty("bigint.unsigned.handling.mode", "long");
        // The statement of each row event (MariaDB's annotate event): where the writer's trace context is.
        c.setProperty("include.query", String.valueOf(p.includeQuery()));

        // Snapshot once (again if the binlog it needs is gone), without a global read lock by default.
        c.setProperty("snapshot.mode", p.snapshotMode());
        c.setProperty("snapshot.locking.mode", p.snapshotLockingMode());
        c.setProperty("incremental.snapshot.chunk.size", "2048");
        c.setProperty("signal.data.collection", p.signalTable());
        c.setProperty("signal.enabled.channels", "source");

        // Latency: Debezium's 500 ms default poll shows as ~250 ms of lag on every change.
        c.setProperty("poll.interval.ms", String.valueOf(p.pollInterval().toMillis()));
        c.setProperty("max.batch.size", "2048");
        c.setProperty("max.queue.size", "16384");
        // Quiet tables still move the stored binlog position forward, so a restart has little to re-read.
        c.setProperty("heartbeat.interval.ms", "5000");

        // Durable progress. Offsets are written only for events the publisher marked processed, i.e.
        // acknowledged by Kafka.
        c.setProperty("offset.flush.interval.ms", String.valueOf(p.offsetFlushInterval().toMillis()));
        c.setProperty("offset.flush.timeout.ms", "10000");
        if (p.progressStore() == BridgeProperties.ProgressStore.KAFKA) {
            c.setProperty("offset.storage", "org.apache.kafka.connect.storage.KafkaOffsetBackingStore");
            c.setProperty("bootstrap.servers", p.kafkaBootstrapServers());
            c.setProperty("offset.storage.topic", p.offsetsTopic());
            c.setProperty("offset.storage.partitions", "1");
            c.setProperty("offset.storage.replication.factor", String.valueOf(p.topicReplicationFactor()));
            c.setProperty("schema.history.internal", "io.debezium.storage.kafka.history.KafkaSchemaHistory");
            c.setProperty("schema.history.internal.kafka.bootstrap.servers", p.kafkaBootstrapServers());
            c.setProperty("schema.history.internal.kafka.topic", p.schemaHistoryTopic());
        } else {
            c.setProperty("offset.storage", "org.apache.kafka.connect.storage.FileOffsetBackingStore");
            c.setProperty("offset.storage.file.filename", p.offsetsFile().toString());
            c.setProperty("schema.history.internal", "io.debezium.storage.file.history.FileSchemaHistory");
            c.setProperty("schema.history.internal.file.filename", p.schemaHistoryFile().toString());
        }
        return c;
    }
}
