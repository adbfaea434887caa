package io.stranglerkit.cdc.reverse;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;

/**
 * The reverse sync's only access to the monolith's schema: one table, read under a row lock and
 * written with the catalog's version and timestamp, so the monolith's own optimistic locking sees the
 * catalog's change like any other.
 */
final class ShopProducts {

    private final String table;

    /** @param table qualified, e.g. {@code shop.product} */
    ShopProducts(String table) {
        if (!table.matches("[A-Za-z0-9_]+\\.[A-Za-z0-9_]+")) {
            throw new IllegalArgumentException("reverse sync target table must look like schema.table, got '" + table + "'");
        }
        this.table = table;
    }

    ShopRow lock(Connection c, long id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT id, sku, name, description, price_cents, category_id, version, updated_at"
                + " FROM " + table + " WHERE id = ? FOR UPDATE")) {
            s.setLong(1, id);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                return new ShopRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5),
                        rs.getLong(6), rs.getLong(7), rs.getTimestamp(8).toInstant());
            }
        }
    }

    void insert(Connection c, ShopRow row) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO " + table
                + " (sku, name, description, price_cents, category_id, version, updated_at, id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            bindWithId(s, row);
            s.executeUpdate();
        }
    }

    void update(Connection c, ShopRow row) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE " + table
                + " SET sku = ?, name = ?, description = ?, price_cents = ?, category_id = ?, version = ?, updated_at = ?"
                + " WHERE id = ?")) {
            bindWithId(s, row);
            s.executeUpdate();
        }
    }

    void delete(Connection c, long id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM " + table + " WHERE id = ?")) {
            s.setLong(1, id);
            s.executeUpdate();
        }
    }

    /** The columns in the order both statements name them, the id last. */
    private static void bindWithId(PreparedStatement s, ShopRow row) throws SQLException {
        s.setString(1, row.sku());
        s.setString(2, row.name());
        s.setString(3, row.description());
        s.setLong(4, row.priceCents());
        s.setLong(5, row.categoryId());
        s.setLong(6, row.version());
        s.setTimestamp(7, Timestamp.from(row.updatedAt()));
        s.setLong(8, row.id());
    }
}
