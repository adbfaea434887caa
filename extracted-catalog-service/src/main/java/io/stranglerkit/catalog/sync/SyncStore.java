package io.stranglerkit.catalog.sync;

import io.stranglerkit.platform.cdc.BinlogPosition;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The forward sync's reads and writes of the catalog tables; called inside the batch's transaction. */
@Repository
public class SyncStore {

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;

    public SyncStore(JdbcClient jdbc, JdbcTemplate jdbcTemplate) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
    }

    /** Current rows of the batch's products, locked until the batch commits (API writes wait meanwhile). */
    public Map<Long, StoredProduct> lockProducts(Collection<Long> ids) {
        Map<Long, StoredProduct> rows = new HashMap<>();
        if (ids.isEmpty()) {
            return rows;
        }
        jdbc.sql("""
                        SELECT id, sku, name, description, price, category_id, version, updated_at, deleted_at,
                               written_by, source_file, source_pos, source_row
                          FROM product WHERE id IN (:ids) FOR UPDATE""")
                .param("ids", ids)
                .query((rs, i) -> {
                    long file = rs.getLong("source_file");
                    BinlogPosition source = rs.wasNull() ? null : new BinlogPosition(file, rs.getLong("source_pos"), rs.getInt("source_row"));
                    ProductState state = new ProductState(rs.getLong("id"), rs.getString("sku"), rs.getString("name"),
                            rs.getString("description"), rs.getBigDecimal("price"), rs.getLong("category_id"),
                            rs.getLong("version"), rs.getTimestamp("updated_at").toInstant());
                    return new StoredProduct(state, rs.getTimestamp("deleted_at") != null,
                            Side.ofColumn(rs.getString("written_by")), source);
                })
                .list()
                .forEach(row -> rows.put(row.state().id(), row));
        return rows;
    }

    private static final String INSERT = """
            INSERT INTO product (id, sku, name, description, price, category_id, version, updated_at,
                                 written_by, source_file, source_pos, source_row)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'monolith', ?, ?, ?)""";

    /**
     * Inserts new products in one multi-row statement (the initial load is nearly all inserts).
     *
     * @return the ids not inserted because their sku is taken (sku clashes), usually none
     */
    public List<Long> insertAll(List<ShopChange.Product> inserts) {
        if (inserts.isEmpty()) {
            return List.of();
        }
        try {
            jdbcTemplate.batchUpdate(INSERT, inserts, 500, (ps, change) -> {
                ProductState p = change.state();
                ps.setLong(1, p.id());
                ps.setString(2, p.sku());
                ps.setString(3, p.name());
                ps.setString(4, p.description());
                ps.setBigDecimal(5, p.price());
                ps.setLong(6, p.categoryId());
                ps.setLong(7, p.version());
                ps.setTimestamp(8, Timestamp.from(p.updatedAt()));
                ps.setLong(9, change.position().file());
                ps.setLong(10, change.position().pos());
                ps.setInt(11, change.position().row());
            });
            return List.of();
        } catch (DuplicateKeyException clash) {
            // Rare: find the clashing ones row by row (rows already inserted are skipped as present).
            List<Long> clashes = new ArrayList<>();
            Map<Long, StoredProduct> present = lockProducts(inserts.stream().map(c -> c.state().id()).toList());
            for (ShopChange.Product change : inserts) {
                if (!present.containsKey(change.state().id()) && !insert(change.state(), change.position())) {
                    clashes.add(change.state().id());
                }
            }
            return clashes;
        }
    }

    /** @return false if the sku is taken by another catalog product (a sku clash; nothing was written) */
    public boolean insert(ProductState p, BinlogPosition source) {
        return writeCopy("""
                INSERT INTO product (id, sku, name, description, price, category_id, version, updated_at,
                                     written_by, source_file, source_pos, source_row)
                VALUES (:id, :sku, :name, :description, :price, :categoryId, :version, :updatedAt,
                        'monolith', :file, :pos, :row)""", p, source);
    }

    /** @return false on a sku clash (nothing was written) */
    public boolean overwrite(ProductState p, BinlogPosition source) {
        return writeCopy("""
                UPDATE product
                   SET sku = :sku, name = :name, description = :description, price = :price,
                       category_id = :categoryId, version = :version, updated_at = :updatedAt,
                       written_by = 'monolith', source_file = :file, source_pos = :pos, source_row = :row
                 WHERE id = :id""", p, source);
    }

    /** Writes the shop's state of a product as the catalog's copy, marked with where it came from. */
    private boolean writeCopy(String sql, ProductState p, BinlogPosition source) {
        try {
            jdbc.sql(sql)
                    .param("id", p.id()).param("sku", p.sku()).param("name", p.name()).param("description", p.description())
                    .param("price", p.price()).param("categoryId", p.categoryId()).param("version", p.version())
                    .param("updatedAt", Timestamp.from(p.updatedAt()))
                    .param("file", source.file()).param("pos", source.pos()).param("row", source.row())
                    .update();
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    /** The monolith deleted the product: keep a tombstone written by the monolith (the reverse sync skips it). */
    public void tombstone(long id, BinlogPosition source) {
        jdbc.sql("""
                        UPDATE product
                           SET deleted_at = CURRENT_TIMESTAMP(3), sku = NULL, version = version + 1,
                               written_by = 'monolith', source_file = :file, source_pos = :pos, source_row = :row
                         WHERE id = :id AND deleted_at IS NULL""")
                .param("id", id).param("file", source.file()).param("pos", source.pos()).param("row", source.row())
                .update();
    }

    /** Applies a category change unless the stored row reflects a later binlog position. */
    public boolean applyCategory(ShopChange.Category c) {
        Optional<BinlogPosition> stored = jdbc.sql("SELECT source_file, source_pos, source_row FROM category WHERE id = ? FOR UPDATE")
                .param(c.id())
                .query((rs, i) -> new BinlogPosition(rs.getLong(1), rs.getLong(2), rs.getInt(3)))
                .optional();
        if (stored.isPresent() && c.position().compareTo(stored.get()) < 0) {
            return false;
        }
        jdbc.sql("""
                        INSERT INTO category (id, name, parent_id, deleted, source_file, source_pos, source_row)
                        VALUES (:id, :name, :parentId, :deleted, :file, :pos, :row)
                        ON DUPLICATE KEY UPDATE name = VALUES(name), parent_id = VALUES(parent_id), deleted = VALUES(deleted),
                            source_file = VALUES(source_file), source_pos = VALUES(source_pos), source_row = VALUES(source_row)""")
                .param("id", c.id()).param("name", c.name()).param("parentId", c.parentId()).param("deleted", c.deleted())
                .param("file", c.position().file()).param("pos", c.position().pos()).param("row", c.position().row())
                .update();
        return true;
    }

    public void applyOrderLine(ShopChange.OrderLine line) {
        if (line.deleted()) {
            jdbc.sql("DELETE FROM order_reference WHERE order_id = ? AND product_id = ?").params(line.orderId(), line.productId()).update();
        } else {
            jdbc.sql("INSERT IGNORE INTO order_reference (order_id, product_id) VALUES (?, ?)").params(line.orderId(), line.productId()).update();
        }
    }

    public Optional<String> setting(String name) {
        return jdbc.sql("SELECT value FROM sync_setting WHERE name = ?").param(name).query(String.class).optional();
    }

    public void saveSetting(String name, String value) {
        jdbc.sql("INSERT INTO sync_setting (name, value) VALUES (?, ?) ON DUPLICATE KEY UPDATE value = VALUES(value)")
                .params(name, value).update();
    }

    public long liveProducts() {
        return jdbc.sql("SELECT COUNT(*) FROM product WHERE deleted_at IS NULL").query(Long.class).single();
    }
}
