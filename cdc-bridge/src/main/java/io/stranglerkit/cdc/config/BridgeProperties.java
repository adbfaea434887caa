package io.stranglerkit.cdc.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Everything the bridge can be told, bound from {@code cdc.*} in application.yml (each key has an
 * environment variable; see the README's table).
 *
 * @param tables captured tables as {@code database.table}; each gets topic {@code <topicPrefix>.<database>.<table>}
 */
@ConfigurationProperties("cdc")
public record BridgeProperties(
        Database database,
        String kafkaBootstrapServers,
        Path dataDir,
        List<String> tables,
        String topicPrefix,
        long serverId,
        String sourceFlavor,
        String snapshotMode,
        String snapshotLockingMode,
        Duration pollInterval,
        Duration offsetFlushInterval,
        String signalTable,
        int topicPartitions,
        short topicReplicationFactor,
        String adminToken,
        boolean includeQuery,
        boolean publishQuery,
        ProgressStore progressStore) {

    /**
     * Where the engine keeps its binlog position and the schema history: files under the data dir (the kit, a
     * compose volume) or compacted topics on the same Kafka (a pod whose disk does not outlive it).
     */
    public enum ProgressStore { FILE, KAFKA }

    public record Database(String host, int port, String user, String password) {
    }

    public Path offsetsFile() {
        return dataDir.resolve("offsets.dat");
    }

    public Path schemaHistoryFile() {
        return dataDir.resolve("schema-history.dat");
    }

    public String offsetsTopic() {
        return topicPrefix + ".cdc-bridge.offsets";
    }

    public String schemaHistoryTopic() {
        return topicPrefix + ".cdc-bridge.schema-history";
    }

    public Path adminTokenFile() {
        return dataDir.resolve("admin-token");
    }
}
