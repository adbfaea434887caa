package io.stranglerkit.shop.repository;

import io.stranglerkit.shop.model.NewProduct;
import io.stranglerkit.shop.model.Product;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

import java.util.List;
import java.util.Optional;

@Repository
public class ProductRepository {

    private static final String SELECT_PRODUCT = """
            SELECT p.id, p.sku, p.name, p.description, p.price_cents, p.category_id,
                   c.name AS category_name, p.version, p.updated_at
              FROM product p
              JOIN category c ON c.id = p.category_id
            """;

    private static final RowMapper<Product> PRODUCT = (rs, i) -> new Product(
            rs.getLong("id"), rs.getString("sku"), rs.getString("name"), rs.getString("description"),
            rs.getLong("price_cents"), rs.getLong("category_id"), rs.getString("category_name"),
            rs.getLong("version"), rs.getTimestamp("updated_at").toInstant());

    private final JdbcClient jdbc;

    public ProductRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Product> findById(long id) {
        return jdbc.sql(SELECT_PRODUCT + " WHERE p.id = ?").param(id).query(PRODUCT).optional();
    }

    public List<Product> findPage(Long categoryId, long offset, int limit) {
        return jdbc.sql(SELECT_PRODUCT + " WHERE (:categoryId IS NULL OR p.category_id = :categoryId)"
                        + " ORDER BY p.id LIMIT :limit OFFSET :offset")
                .param("categoryId", categoryId).param("limit", limit).param("offset", offset)
                .query(PRODUCT).list();
    }

    public long count(Long categoryId) {
        return jdbc.sql("SELECT COUNT(*) FROM product WHERE (:categoryId IS NULL OR category_id = :categoryId)")
                .param("categoryId", categoryId).query(Long.class).single();
    }

    /**
     * The shop's search, as it was first written: every term must occur somewhere in the name, the
     * description or the category name. {@code LIKE '%term%'} cannot use an index, so each search
     * scans the whole product table; that is the point the search extraction improves on.
     */
    public List<Product> search(List<String> terms, long offset, int limit) {
        JdbcClient.StatementSpec spec = jdbc.sql(SELECT_PRODUCT + " WHERE " + termsCondition(terms)
                        + " ORDER BY p.id LIMIT :limit OFFSET :offset")
                .param("limit", limit).param("offset", offset);
        return bindTerms(spec, terms).query(PRODUCT).list();
    }

    public long countSearch(List<String> terms) {
        JdbcClient.StatementSpec spec = jdbc.sql("SELECT COUNT(*) FROM product p JOIN category c ON c.id = p.category_id"
                + " WHERE " + termsCondition(terms));
        return bindTerms(spec, terms).query(Long.class).single();
    }

    public long insert(NewProduct product) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO product (sku, name, description, price_cents, category_id)
                        VALUES (:sku, :name, :description, :priceCents, :categoryId)""")
                .paramSource(product)
                .update(key);
        return key.getKeyAs(Number.class).longValue();
    }

    /** Optimistic locking: the row changes only if nobody changed it since {@code expectedVersion}. */
    public boolean update(long id, NewProduct product, long expectedVersion) {
        return jdbc.sql("""
                        UPDATE product
                           SET sku = :sku, name = :name, description = :description,
                               price_cents = :priceCents, category_id = :categoryId, version = version + 1
                         WHERE id = :id AND version = :expectedVersion""")
                .param("sku", product.sku()).param("name", product.name()).param("description", product.description())
                .param("priceCents", product.priceCents()).param("categoryId", product.categoryId())
                .param("id", id).param("expectedVersion", expectedVersion)
                .update() == 1;
    }

    public boolean delete(long id, Long expectedVersion) {
        return jdbc.sql("DELETE FROM product WHERE id = :id AND (:expectedVersion IS NULL OR version = :expectedVersion)")
                .param("id", id).param("expectedVersion", expectedVersion)
                .update() == 1;
    }

    public Optional<Long> currentVersion(long id) {
        return jdbc.sql("SELECT version FROM product WHERE id = ?").param(id).query(Long.class).optional();
    }

    public Optional<Long> findIdBySku(String sku) {
        return jdbc.sql("SELECT id FROM product WHERE sku = ?").param(sku).query(Long.class).optional();
    }

    public long countOrderLines(long productId) {
        return jdbc.sql("SELECT COUNT(*) FROM order_line WHERE product_id = ?").param(productId).query(Long.class).single();
    }

    private static String termsCondition(List<String> terms) {
        StringBuilder where = new StringBuilder();
        for (int i = 0; i < terms.size(); i++) {
            if (i > 0) {
                where.append(" AND ");
            }
            where.append("(p.name LIKE :t").append(i)
                    .append(" OR p.description LIKE :t").append(i)
                    .append(" OR c.name LIKE :t").append(i).append(')');
        }
        return where.toString();
    }

    private static JdbcClient.StatementSpec bindTerms(JdbcClient.StatementSpec spec, List<String> terms) {
        for (int i = 0; i < terms.size(); i++) {
            spec = spec.param("t" + i, "%" + escapeLike(terms.get(i)) + "%");
        }
        return spec;
    }

    /** A user's {@code %} or {@code _} is a literal character, not a wildcard. */
    static String escapeLike(String term) {
        return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
