package io.stranglerkit.cdc.snapshot;

import io.stranglerkit.cdc.capture.SourceDatabase;
import io.stranglerkit.cdc.config.BridgeProperties;
import org.springframework.stereotype.Component;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;

/**
 * Asks the running connector for an incremental snapshot of one table by inserting an
 * {@code execute-snapshot} row into Debezium's signal table. The connector sees the row in the binlog,
 * re-reads the table in chunks while streaming goes on, and publishes the rows as {@code op: "r"}.
 */
@Component
public class SignalWriter {

    private final SourceDatabase source;
    private final String signalTable;

    public SignalWriter(SourceDatabase source, BridgeProperties properties) {
        this.source = source;
        this.signalTable = properties.signalTable();
    }

    /** @return the signal's id */
    public String requestIncrementalSnapshot(String table) throws SQLException {
        String id = UUID.randomUUID().toString();
        // `table` was checked against the captured tables: it is a plain db.table name.
        String data = "{\"data-collections\": [\"" + table + "\"], \"type\": \"incremental\"}";
        try (Connection c = source.connect();
             PreparedStatement insert = c.prepareStatement("INSERT INTO " + signalTable + " (id, type, data) VALUES (?, ?, ?)")) {
            insert.setString(1, id);
            insert.setString(2, "execute-snapshot");
            insert.setString(3, data);
            insert.executeUpdate();
        }
        return id;
    }
}
