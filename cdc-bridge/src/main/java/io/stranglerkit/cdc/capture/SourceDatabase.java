package io.stranglerkit.cdc.capture;

import io.stranglerkit.cdc.config.BridgeProperties;
import org.springframework.stereotype.Component;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Plain JDBC to the source server as the cdc user: its version, and writes to the signal table. */
@Component
public class SourceDatabase {

    private final BridgeProperties.Database db;

    public SourceDatabase(BridgeProperties properties) {
        this.db = properties.database();
    }

    public Connection connect() throws SQLException {
        // Connector/J speaks to MariaDB and MySQL alike; PREFERRED falls back to plain TCP on --skip-ssl servers.
        String url = "jdbc:mysql://" + db.host() + ":" + db.port()
                + "/?sslMode=PREFERRED&allowPublicKeyRetrieval=true&connectTimeout=5000&socketTimeout=10000";
        return DriverManager.getConnection(url, db.user(), db.password());
    }

    public String serverVersion() {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT VERSION()")) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach the source database at " + db.host() + ":" + db.port()
                    + " as '" + db.user() + "': " + e.getMessage(), e);
        }
    }

    public String address() {
        return db.host() + ":" + db.port();
    }
}
