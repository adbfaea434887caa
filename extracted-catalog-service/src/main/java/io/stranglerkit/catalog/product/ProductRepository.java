package io.stranglerkit.catalog.product;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

import java.util.List;
import java.util.Optional;

/** The API's reads and writes of the catalog's product table. Deleted products (tombstones) are invisible here. */
@Repository
public class ProductRepository {

    private static final String SELECT_PRODUCT = """
            SELECT p.id, p.sku, p.name, p.description, p.price, p.category_id,
                   c.name AS category_name, p.version, p.updated_at
              FROM product p
              JOIN category c ON c.id = p.category_id
            """;

    private static final RowMapper<Product> PRODUCT = (rs, i) -> new Product(
            rs.getLong("id"), rs.getString("sku"), rs.getString("name"), rs.getString("description"),
            rs.getBigDecimal("price"), rs.getLong("category_id"), rs.getString("category_name"),
            rs.getLong("version"), rs.getTimestamp("updated_at").toInstant());

    private final JdbcClient jdbc;

    public ProductRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Product> findById(long id) {
        return jdbc.sql(SELECT_PRODUCT + " WHERE p.id = ? AND p.deleted_at IS NULL").param(id).query(PRODUCT).optional();
    }

    public List<Product> findPage(Long categoryId, long offset, int limit) {
        return jdbc.sql(SELECT_PRODUCT + " WHERE p.deleted_at IS NULL AND (:categoryId IS NULL OR p.category_id = :categoryId)"
                        + " ORDER BY p.id LIMIT :limit OFFSET :offset")
                .param("categoryId", categoryId).param("limit", limit).param("offset", offset)
                .query(PRODUCT).list();
    }

    public long count(Long categoryId) {
        return jdbc.sql("SELECT COUNT(*) FROM product p JOIN category c ON c.id = p.category_id"
                        + " WHERE p.deleted_at IS NULL AND (:categoryId IS NULL OR p.category_id = :categoryId)")
                .param("categoryId", categoryId).query(Long.class).single();
    }

    /** New ids come from the table's counter with the session's step of 2 and offset 2: always even. */
    public long insert(ProductDraft draft) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO product (sku, name, description, price, category_id, version, written_by)
                        VALUES (:sku, :name, :description, :price, :categoryId, 0, 'catalog')""")
                .paramSource(draft)
                .update(key);
        return key.getKeyAs(Number.class).longValue();
    }

    /** Optimistic locking, as in the monolith: changes the row only if it is still at {@code expectedVersion}. */
    public boolean update(long id, ProductDraft draft, long expectedVersion) {
        return jdbc.sql("""
                        UPDATE product
                           SET sku = :sku, name = :name, description = :description, price = :price,
                               category_id = :categoryId, version = version + 1, updated_at = CURRENT_TIMESTAMP(3),
                               written_by = 'catalog', source_file = NULL, source_pos = NULL, source_row = NULL
                         WHERE id = :id AND version = :expectedVersion AND deleted_at IS NULL""")
                .param("sku", draft.sku()).param("name", draft.name()).param("description", draft.description())
                .param("price", draft.price()).param("categoryId", draft.categoryId())
                .param("id", id).param("expectedVersion", expectedVersion)
                .update() == 1;
    }

    /**
     * A delete leaves a tombstone: the row stays (with a new version and no sku) so that the reverse
     * sync sees the delete and a late change from the monolith cannot bring the product back.
     */
    public boolean delete(long id, Long expectedVersion) {
        return jdbc.sql("""
                        UPDATE product
                           SET deleted_at = CURRENT_TIMESTAMP(3), sku = NULL, version = version + 1,
                               updated_at = CURRENT_TIMESTAMP(3), written_by = 'catalog',
                               source_file = NULL, source_pos = NULL, source_row = NULL
                         WHERE id = :id AND deleted_at IS NULL AND (:expectedVersion IS NULL OR version = :expectedVersion)""")
                .param("id", id).param("expectedVersion", expectedVersion)
                .update() == 1;
    }

    public Optional<Long> currentVersion(long id) {
        return jdbc.sql("SELECT version FROM product WHERE id = ? AND deleted_at IS NULL").param(id).query(Long.class).optional();
    }

    public Optional<Long> findIdBySku(String sku) {
        return jdbc.sql("SELECT id FROM product WHERE sku = ?").param(sku).query(Long.class).optional();
    }

    public long countOrderLines(long productId) {
        return jdbc.sql("SELECT COUNT(*) FROM order_reference WHERE product_id = ?").param(productId).query(Long.class).single();
    }

    public boolean categoryExists(long categoryId) {
        return jdbc.sql("SELECT COUNT(*) FROM category WHERE id = ? AND NOT deleted").param(categoryId).query(Long.class).single() > 0;
    }
}
