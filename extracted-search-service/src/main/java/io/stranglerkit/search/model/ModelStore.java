package io.stranglerkit.search.model;

import io.stranglerkit.platform.cdc.BinlogPosition;
import io.stranglerkit.search.feed.CategoryChange;
import io.stranglerkit.search.feed.ProductChange;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The read model's tables in the {@code search} schema. Writes follow one rule: a change is applied
 * only if its binlog position is at or after the position the row already reflects, so replays,
 * duplicates and late snapshot reads change nothing. Callers run a whole batch in one transaction.
 * <p>
 * Two table sets exist: {@link Tables#LIVE}, which searches are answered from, and
 * {@link Tables#NEXT}, filled by a rebuild and then swapped in.
 */
@Repository
public class ModelStore {

    public enum Tables {
        LIVE("product_doc", "category"), NEXT("product_doc_next", "category_next");

        final String products;
        final String categories;

        Tables(String products, String categories) {
            this.products = products;
            this.categories = categories;
        }
    }

    /**
     * What a batch changed, for the search index. {@code staleProducts} are the ids whose change the
     * tables already held a newer (or the same) state of: a replay after a crash, which the index may
     * not have seen yet ({@link #withCurrentRowsOfStale}).
     */
    public record Applied(List<Category> categories, List<Long> deletedCategories,
                          List<ProductDoc> products, List<Long> deletedProducts, int stale, List<Long> staleProducts) {
    }

    private static final int CHUNK = 1000;

    private final JdbcTemplate jdbc;

    public ModelStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Categories first, so products of a new category get its name; each list in topic order. */
    public Applied apply(Tables tables, List<CategoryChange> categoryChanges, List<ProductChange> productChanges) {
        List<Category> categories = new ArrayList<>();
        List<Long> deletedCategories = new ArrayList<>();
        List<ProductDoc> products = new ArrayList<>();
        List<Long> deletedProducts = new ArrayList<>();
        int stale = 0;

        Map<Long, CategoryChange> latestCategories = latest(categoryChanges, CategoryChange::id, CategoryChange::position);
        stale += categoryChanges.size() - latestCategories.size();
        Map<Long, BinlogPosition> storedCategories = positions(tables.categories, latestCategories.keySet());
        List<Object[]> categoryRows = new ArrayList<>();
        for (CategoryChange change : latestCategories.values()) {
            if (!change.position().isAtLeast(storedCategories.get(change.id()))) {
                stale++;
                continue;
            }
            BinlogPosition p = change.position();
            categoryRows.add(new Object[]{change.id(), change.category().name(), change.deleted(), p.file(), p.pos(), p.row()});
            if (change.deleted()) {
                deletedCategories.add(change.id());
            } else {
                categories.add(change.category());
            }
        }
        jdbc.batchUpdate("INSERT INTO " + tables.categories + " (id, name, deleted, binlog_file, binlog_pos, binlog_row)"
                + " VALUES (?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE name = VALUES(name), deleted = VALUES(deleted),"
                + " binlog_file = VALUES(binlog_file), binlog_pos = VALUES(binlog_pos), binlog_row = VALUES(binlog_row)",
                categoryRows);
        // A rename reaches every product of the category.
        for (Category category : categories) {
            jdbc.update("UPDATE " + tables.products + " SET category_name = ? WHERE category_id = ?"
                    + " AND NOT (category_name <=> ?)", category.name(), category.id(), category.name());
        }

        Map<Long, ProductChange> latestProducts = latest(productChanges, ProductChange::id, ProductChange::position);
        stale += productChanges.size() - latestProducts.size();
        Map<Long, BinlogPosition> storedProducts = positions(tables.products, latestProducts.keySet());
        List<Object[]> productRows = new ArrayList<>();
        List<Long> staleProducts = new ArrayList<>();
        for (ProductChange change : latestProducts.values()) {
            if (!change.position().isAtLeast(storedProducts.get(change.id()))) {
                stale++;
                staleProducts.add(change.id());
                continue;
            }
            ProductDoc d = change.doc();
            BinlogPosition p = change.position();
            productRows.add(new Object[]{d.id(), d.sku(), d.name(), d.description(), d.priceCents(), d.categoryId(),
                    d.categoryId(), d.version(), change.deleted(), p.file(), p.pos(), p.row()});
            if (change.deleted()) {
                deletedProducts.add(d.id());
            } else {
                products.add(d);
            }
        }
        for (List<Object[]> chunk : chunks(productRows)) {
            jdbc.batchUpdate(upsertProductSql(tables), chunk);
        }
        return new Applied(categories, deletedCategories, products, deletedProducts, stale, staleProducts);
    }

    /**
     * The batch as the index must take it: the stale ids' current rows added as upserts or deletes,
     * so an index that is behind the tables (it resumes from its last commit) catches up with them.
     */
    public Applied withCurrentRowsOfStale(Tables tables, Applied applied) {
        if (applied.staleProducts().isEmpty()) {
            return applied;
        }
        List<ProductDoc> products = new ArrayList<>(applied.products());
        List<Long> deleted = new ArrayList<>(applied.deletedProducts());
        forEachOf("SELECT id, sku, name, description, price_cents, category_id, version, deleted FROM " + tables.products,
                applied.staleProducts(), rs -> {
                    if (rs.getBoolean(8)) {
                        deleted.add(rs.getLong(1));
                    } else {
                        products.add(product(rs));
                    }
                });
        return new Applied(applied.categories(), applied.deletedCategories(), products, deleted, applied.stale(), List.of());
    }

    /** The name of this read model (see V2__model_identity.sql). */
    public String modelId() {
        return jdbc.queryForObject("SELECT id FROM model_identity", String.class);
    }

    private static ProductDoc product(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new ProductDoc(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5), rs.getLong(6),
                rs.getLong(7));
    }

    private static String upsertProductSql(Tables tables) {
        return "INSERT INTO " + tables.products + " (id, sku, name, description, price_cents, category_id, category_name,"
                + " version, deleted, binlog_file, binlog_pos, binlog_row)"
                + " VALUES (?, ?, ?, ?, ?, ?, (SELECT c.name FROM " + tables.categories + " c WHERE c.id = ? AND NOT c.deleted),"
                + " ?, ?, ?, ?, ?)"
                + " ON DUPLICATE KEY UPDATE sku = VALUES(sku), name = VALUES(name), description = VALUES(description),"
                + " price_cents = VALUES(price_cents), category_id = VALUES(category_id), category_name = VALUES(category_name),"
                + " version = VALUES(version), deleted = VALUES(deleted), binlog_file = VALUES(binlog_file),"
                + " binlog_pos = VALUES(binlog_pos), binlog_row = VALUES(binlog_row)";
    }

    /** Streams the live products (not deleted) in id order, for building the index. */
    public void forEachProduct(Tables tables, Consumer<ProductDoc> consumer) {
        jdbc.query(con -> {
            var statement = con.prepareStatement("SELECT id, sku, name, description, price_cents, category_id, version FROM "
                    + tables.products + " WHERE NOT deleted ORDER BY id", java.sql.ResultSet.TYPE_FORWARD_ONLY,
                    java.sql.ResultSet.CONCUR_READ_ONLY);
            statement.setFetchSize(Integer.MIN_VALUE); // Connector/J: stream rows instead of buffering them all
            return statement;
        }, rs -> {
            consumer.accept(product(rs));
        });
    }

    public List<Category> categories(Tables tables) {
        return jdbc.query("SELECT id, name FROM " + tables.categories + " WHERE NOT deleted ORDER BY id",
                (rs, i) -> new Category(rs.getLong(1), rs.getString(2)));
    }

    public long productCount(Tables tables) {
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM " + tables.products + " WHERE NOT deleted", Long.class);
        return count == null ? 0 : count;
    }

    /** Empty NEXT tables shaped like the live ones, for a rebuild. */
    public void createNextTables() {
        jdbc.execute("DROP TABLE IF EXISTS " + Tables.NEXT.products + ", " + Tables.NEXT.categories);
        jdbc.execute("CREATE TABLE " + Tables.NEXT.products + " LIKE " + Tables.LIVE.products);
        jdbc.execute("CREATE TABLE " + Tables.NEXT.categories + " LIKE " + Tables.LIVE.categories);
    }

    /** One atomic RENAME: a reader sees either the old tables or the new ones, never neither. */
    public void swapInNextTables() {
        jdbc.execute("DROP TABLE IF EXISTS product_doc_old, category_old");
        jdbc.execute("RENAME TABLE " + Tables.LIVE.products + " TO product_doc_old, " + Tables.NEXT.products + " TO "
                + Tables.LIVE.products + ", " + Tables.LIVE.categories + " TO category_old, " + Tables.NEXT.categories
                + " TO " + Tables.LIVE.categories);
        jdbc.execute("DROP TABLE product_doc_old, category_old");
    }

    public void dropNextTables() {
        jdbc.execute("DROP TABLE IF EXISTS " + Tables.NEXT.products + ", " + Tables.NEXT.categories);
    }

    private Map<Long, BinlogPosition> positions(String table, Collection<Long> ids) {
        Map<Long, BinlogPosition> out = new HashMap<>();
        forEachOf("SELECT id, binlog_file, binlog_pos, binlog_row FROM " + table, new ArrayList<>(ids),
                rs -> out.put(rs.getLong(1), new BinlogPosition(rs.getLong(2), rs.getLong(3), rs.getInt(4))));
        return out;
    }

    /** Runs {@code select} for the rows of these ids, CHUNK ids per statement. */
    private void forEachOf(String select, List<Long> ids, org.springframework.jdbc.core.RowCallbackHandler row) {
        for (List<Long> chunk : chunks(ids)) {
            String marks = String.join(",", java.util.Collections.nCopies(chunk.size(), "?"));
            jdbc.query(select + " WHERE id IN (" + marks + ")", row, chunk.toArray());
        }
    }

    /** The last change of each id in a batch (by position; on a tie, the later one in the batch). */
    private static <C> Map<Long, C> latest(List<C> changes, java.util.function.ToLongFunction<C> id,
                                           java.util.function.Function<C, BinlogPosition> position) {
        Map<Long, C> out = new java.util.LinkedHashMap<>();
        for (C change : changes) {
            out.merge(id.applyAsLong(change), change, (old, now) -> position.apply(now).isAtLeast(position.apply(old)) ? now : old);
        }
        return out;
    }

    private static <T> List<List<T>> chunks(List<T> all) {
        List<List<T>> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i += CHUNK) {
            out.add(all.subList(i, Math.min(all.size(), i + CHUNK)));
        }
        return out;
    }
}
