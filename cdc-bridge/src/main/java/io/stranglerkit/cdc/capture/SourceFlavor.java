package io.stranglerkit.cdc.capture;

import java.util.Locale;
import java.util.function.Supplier;

/**
 * Which Debezium connector reads the binlog. MariaDB and MySQL binlogs differ (GTID format, status
 * commands), and each connector is only reliable against its own server.
 */
public enum SourceFlavor {
    MARIADB("io.debezium.connector.mariadb.MariaDbConnector"),
    MYSQL("io.debezium.connector.mysql.MySqlConnector");

    private final String connectorClass;

    SourceFlavor(String connectorClass) {
        this.connectorClass = connectorClass;
    }

    public String connectorClass() {
        return connectorClass;
    }

    /** From the server's {@code SELECT VERSION()}: "11.4.5-MariaDB-log" or "8.4.3". */
    public static SourceFlavor fromServerVersion(String version) {
        return version != null && version.toLowerCase(Locale.ROOT).contains("mariadb") ? MARIADB : MYSQL;
    }

    /**
     * {@code auto} asks the server; {@code mariadb} or {@code mysql} force a connector.
     *
     * @throws IllegalArgumentException for any other value
     */
    public static SourceFlavor choose(String configured, Supplier<String> serverVersion) {
        String value = configured == null ? "auto" : configured.trim().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "auto", "" -> fromServerVersion(serverVersion.get());
            case "mariadb" -> MARIADB;
            case "mysql" -> MYSQL;
            default -> throw new IllegalArgumentException(
                    "cdc.source-flavor must be auto, mariadb or mysql, not '" + configured + "'");
        };
    }
}
