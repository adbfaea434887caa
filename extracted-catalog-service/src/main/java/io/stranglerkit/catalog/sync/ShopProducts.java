package io.stranglerkit.catalog.sync;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.stranglerkit.catalog.config.CatalogProperties;
import io.stranglerkit.platform.tracing.SqlTraceComments;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;

/**
 * The reverse sync's only access to the monolith's schema: one table, through its own small pool and
 * an account that may touch {@code product} and nothing else. Rows are read under a row lock and
 * written with the catalog's version and timestamp, so the monolith's own optimistic locking sees the
 * catalog's change like any other. Rows are read into the catalog's terms, so that the convergence
 * rule compares like with like; the shop's columns stay in this class.
 */
@Component
class ShopProducts implements DisposableBean {

    private final CatalogProperties.ReverseSync settings;
    private final ObjectProvider<SqlTraceComments> traceComments;
    private volatile HikariDataSource pool;
    private volatile DataSource writes;

    ShopProducts(CatalogProperties properties, ObjectProvider<SqlTraceComments> traceComments) {
        this.settings = properties.reverseSync();
        this.traceComments = traceComments;
    }

    /**
     * A connection in a transaction of its own (read committed: the lock, not a snapshot, decides). Its
     * writes carry the trace of the change being applied, so the shop's copy is traced on through CDC.
     */
    Connection connect() throws SQLException {
        if (writes == null) {
            SqlTraceComments comments = traceComments.getIfAvailable();
            writes = comments == null ? pool() : comments.wrap(pool());
        }
        return writes.getConnection();
    }

    private synchronized HikariDataSource pool() {
        if (pool == null) {
            HikariConfig config = new HikariConfig();
            config.setPoolName("shop-products");
            config.setJdbcUrl(settings.shopUrl());
            config.setUsername(settings.shopUsername());
            config.setPassword(settings.shopPassword());
            config.setMaximumPoolSize(2);
            // Set once per connection by the pool, not at every checkout (one batch each).
            config.setAutoCommit(false);
            config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
            config.setInitializationFailTimeout(-1); // the shop may be down now; the sync retries
            pool = new HikariDataSource(config);
        }
        return pool;
    }

    /** The shop's row in the catalog's terms, locked until the transaction ends; {@code null} if there is none. */
    StoredProduct lock(Connection c, long id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT id, sku, name, description, price_cents, category_id, version, updated_at"
                + " FROM product WHERE id = ? FOR UPDATE")) {
            s.setLong(1, id);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                ProductState state = new ProductState(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        BigDecimal.valueOf(rs.getLong(5), 2), rs.getLong(6), rs.getLong(7), rs.getTimestamp(8).toInstant());
                return new StoredProduct(state, false, null, null); // the shop records neither writer nor source
            }
        }
    }

    void insert(Connection c, ProductState product) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO product"
                + " (sku, name, description, price_cents, category_id, version, updated_at, id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            bindWithId(s, product);
            s.executeUpdate();
        }
    }

    void update(Connection c, ProductState product) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE product"
                + " SET sku = ?, name = ?, description = ?, price_cents = ?, category_id = ?, version = ?, updated_at = ?"
                + " WHERE id = ?")) {
            bindWithId(s, product);
            s.executeUpdate();
        }
    }

    void delete(Connection c, long id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM product WHERE id = ?")) {
            s.setLong(1, id);
            s.executeUpdate();
        }
    }

    /** The columns in the order both statements name them, the id last. */
    private static void bindWithId(PreparedStatement s, ProductState p) throws SQLException {
        s.setString(1, p.sku());
        s.setString(2, p.name());
        s.setString(3, p.description());
        s.setLong(4, CatalogToShopTranslation.priceCents(p.price()));
        s.setLong(5, p.categoryId());
        s.setLong(6, p.version());
        s.setTimestamp(7, Timestamp.from(p.updatedAt()));
        s.setLong(8, p.id());
    }

    @Override
    public void destroy() {
        if (pool != null) {
            pool.close();
        }
    }
}
