package io.stranglerkit.cdc.support;

import io.stranglerkit.infra.mariadb.LocalMariaDb;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A database of the test's own with the two tables the bridge captures in the kit, shaped like the
 * monolith's {@code category} and {@code product} (the bridge does not depend on the monolith's code).
 */
public final class TestSchema {

    private final LocalMariaDb db;
    private final String name;

    public TestSchema(LocalMariaDb db) {
        this.db = db;
        this.name = "cdcit_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        execute("CREATE DATABASE " + name,
                "CREATE TABLE " + name + ".category (id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY, name VARCHAR(100) NOT NULL)",
                "CREATE TABLE " + name + ".product (id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY, sku VARCHAR(40) NOT NULL,"
                        + " name VARCHAR(200) NOT NULL, price_cents BIGINT NOT NULL, category_id BIGINT NOT NULL,"
                        + " version BIGINT NOT NULL DEFAULT 0, updated_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3))",
                "INSERT INTO " + name + ".category (id, name) VALUES (1, 'Tools')");
    }

    public String name() {
        return name;
    }

    public String tables() {
        return name + ".product," + name + ".category";
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(db.jdbcUrl(name), "kit_test", "kit_test");
    }

    public void execute(String... statements) {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(""), "kit_test", "kit_test"); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
