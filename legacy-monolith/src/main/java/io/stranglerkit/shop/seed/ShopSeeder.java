package io.stranglerkit.shop.seed;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Fills the shop with deterministic demo data: the category tree, N products, N/50 customers and
 * their orders. Re-running adds only what is missing (rows are keyed by SKU and e-mail), so an
 * interrupted seed can simply be started again. Inserts are batched; each batch commits on its own.
 */
@Component
public class ShopSeeder {

    public static final int MAX_PRODUCTS = 2_000_000;
    static final int BATCH = 2_000;
    private static final Instant ORDER_EPOCH = Instant.parse("2025-01-01T00:00:00Z");
    private static final List<String> ORDER_STATUSES = List.of("NEW", "PAID", "SHIPPED", "DELIVERED", "CANCELLED");

    public record Progress(String phase, long done, long total) {
    }

    public record Report(long categories, long products, long customers, long orders, long orderLines, Duration took) {

        public long rows() {
            return categories + products + customers + orders + orderLines;
        }

        public double rowsPerSecond() {
            return rows() / Math.max(0.001, took.toNanos() / 1e9);
        }
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;

    public ShopSeeder(JdbcTemplate jdbc, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    public static long customerCountFor(long products) {
        return Math.max(10, products / 50);
    }

    public Report seed(int productCount, long randomSeed, Consumer<Progress> progress) {
        if (productCount < 0 || productCount > MAX_PRODUCTS) {
            throw new IllegalArgumentException("products must be between 0 and " + MAX_PRODUCTS + ", got " + productCount);
        }
        long started = System.nanoTime();
        Map<String, Long> categoryIds = new HashMap<>();
        long categories = seedCategories(categoryIds);
        int allCategories = SeedCatalog.DEPARTMENTS.size() + SeedCatalog.subcategoryCount();
        progress.accept(new Progress("categories", allCategories, allCategories));
        long products = seedProducts(productCount, randomSeed, categoryIds, progress);
        long[] orderCounts = seedCustomersAndOrders(productCount, randomSeed, progress);
        return new Report(categories, products, orderCounts[0], orderCounts[1], orderCounts[2],
                Duration.ofNanos(System.nanoTime() - started));
    }

    private long seedCategories(Map<String, Long> ids) {
        Map<String, Long> existing = new HashMap<>();
        jdbc.query("SELECT id, name, parent_id FROM category", (ResultSet rs) -> {
            existing.put(rs.getObject("parent_id", Long.class) + "/" + rs.getString("name"), rs.getLong("id"));
        });
        long inserted = 0;
        for (SeedCatalog.Department department : SeedCatalog.DEPARTMENTS) {
            String deptKey = "null/" + department.name();
            if (!existing.containsKey(deptKey)) {
                existing.put(deptKey, insertCategory(department.name(), null));
                inserted++;
            }
            long deptId = existing.get(deptKey);
            for (SeedCatalog.Subcategory sub : department.subcategories()) {
                String subKey = deptId + "/" + sub.name();
                if (!existing.containsKey(subKey)) {
                    existing.put(subKey, insertCategory(sub.name(), deptId));
                    inserted++;
                }
                ids.put(department.name() + "/" + sub.name(), existing.get(subKey));
            }
        }
        return inserted;
    }

    private long insertCategory(String name, Long parentId) {
        jdbc.update("INSERT INTO category (name, parent_id) VALUES (?, ?)", name, parentId);
        return jdbc.queryForObject("SELECT LAST_INSERT_ID()", Long.class);
    }

    private long seedProducts(int count, long seed, Map<String, Long> categoryIds, Consumer<Progress> progress) {
        long inserted = 0;
        for (long from = 1; from <= count; from += BATCH) {
            long to = Math.min(count, from + BATCH - 1);
            Set<String> existing = new HashSet<>(jdbc.queryForList(
                    "SELECT sku FROM product WHERE sku BETWEEN ? AND ?", String.class, SeedCatalog.sku(from), SeedCatalog.sku(to)));
            List<Object[]> rows = new ArrayList<>(BATCH);
            for (long i = from; i <= to; i++) {
                if (existing.contains(SeedCatalog.sku(i))) {
                    continue;
                }
                SeedCatalog.GeneratedProduct p = SeedCatalog.product(i, seed);
                SeedCatalog.Department department = SeedCatalog.DEPARTMENTS.get(p.department());
                long categoryId = categoryIds.get(department.name() + "/" + department.subcategories().get(p.subcategory()).name());
                rows.add(new Object[]{p.sku(), p.name(), p.description(), p.priceCents(), categoryId});
            }
            if (!rows.isEmpty()) {
                jdbc.batchUpdate("INSERT INTO product (sku, name, description, price_cents, category_id) VALUES (?, ?, ?, ?, ?)", rows);
                inserted += rows.size();
            }
            progress.accept(new Progress("products", to, count));
        }
        return inserted;
    }

    /** Returns {customers, orders, order lines} inserted. Orders are made only for customers new in this run. */
    private long[] seedCustomersAndOrders(int productCount, long seed, Consumer<Progress> progress) {
        long customerCount = productCount == 0 ? 0 : customerCountFor(productCount);
        long[][] catalog = seededProducts(productCount);
        long[] counts = new long[3];
        for (long from = 1; from <= customerCount; from += BATCH) {
            long to = Math.min(customerCount, from + BATCH - 1);
            long batchFrom = from;
            long[] batch = tx.execute(status -> seedCustomerBatch(batchFrom, to, seed, catalog));
            for (int i = 0; i < 3; i++) {
                counts[i] += batch[i];
            }
            progress.accept(new Progress("customers and orders", to, customerCount));
        }
        return counts;
    }

    /** Ids and current prices of the seeded products, to pick order lines from. */
    private long[][] seededProducts(int productCount) {
        if (productCount == 0) {
            return new long[][]{new long[0], new long[0]};
        }
        List<long[]> rows = jdbc.query("SELECT id, price_cents FROM product WHERE sku BETWEEN ? AND ? ORDER BY id",
                (rs, i) -> new long[]{rs.getLong(1), rs.getLong(2)}, SeedCatalog.sku(1), SeedCatalog.sku(productCount));
        long[] ids = new long[rows.size()];
        long[] prices = new long[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            ids[i] = rows.get(i)[0];
            prices[i] = rows.get(i)[1];
        }
        return new long[][]{ids, prices};
    }

    private long[] seedCustomerBatch(long from, long to, long seed, long[][] catalog) {
        Set<String> existing = new HashSet<>(jdbc.queryForList("SELECT email FROM customer WHERE email BETWEEN ? AND ?",
                String.class, SeedCatalog.customerEmail(from), SeedCatalog.customerEmail(to)));
        List<Object[]> rows = new ArrayList<>();
        List<Long> newIndexes = new ArrayList<>();
        for (long i = from; i <= to; i++) {
            SeedCatalog.GeneratedCustomer c = SeedCatalog.customer(i, seed);
            if (!existing.contains(c.email())) {
                rows.add(new Object[]{c.email(), c.name()});
                newIndexes.add(i);
            }
        }
        if (rows.isEmpty()) {
            return new long[3];
        }
        jdbc.batchUpdate("INSERT INTO customer (email, name) VALUES (?, ?)", rows);
        Map<String, Long> idsByEmail = new HashMap<>();
        jdbc.query("SELECT id, email FROM customer WHERE email BETWEEN ? AND ?",
                (ResultSet rs) -> {
                    idsByEmail.put(rs.getString("email"), rs.getLong("id"));
                }, SeedCatalog.customerEmail(from), SeedCatalog.customerEmail(to));
        long[] orderCounts = catalog[0].length == 0 ? new long[2] : insertOrders(newIndexes, idsByEmail, seed, catalog);
        return new long[]{rows.size(), orderCounts[0], orderCounts[1]};
    }

    private record PlannedOrder(long customerId, String status, Instant createdAt, Map<Long, long[]> lines) {
    }

    private long[] insertOrders(List<Long> customerIndexes, Map<String, Long> idsByEmail, long seed, long[][] catalog) {
        List<PlannedOrder> planned = new ArrayList<>();
        for (long index : customerIndexes) {
            SplittableRandom random = SeedCatalog.randomFor(index, seed, 0x5EED_0003L);
            long customerId = idsByEmail.get(SeedCatalog.customerEmail(index));
            int orders = random.nextInt(4);
            for (int o = 0; o < orders; o++) {
                Map<Long, long[]> lines = new HashMap<>();
                int lineCount = 1 + random.nextInt(4);
                for (int l = 0; l < lineCount; l++) {
                    int pick = random.nextInt(catalog[0].length);
                    // {quantity, unit price}; the same product twice becomes one line, as the shop does.
                    lines.merge(catalog[0][pick], new long[]{1 + random.nextInt(3), catalog[1][pick]},
                            (a, b) -> new long[]{a[0] + b[0], a[1]});
                }
                planned.add(new PlannedOrder(customerId, ORDER_STATUSES.get(random.nextInt(ORDER_STATUSES.size())),
                        ORDER_EPOCH.plusSeconds(random.nextLong(365L * 24 * 3600)), lines));
            }
        }
        if (planned.isEmpty()) {
            return new long[2];
        }
        List<Long> orderIds = jdbc.execute((java.sql.Connection connection) -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO orders (customer_id, status, created_at) VALUES (?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
                for (PlannedOrder order : planned) {
                    insert.setLong(1, order.customerId());
                    insert.setString(2, order.status());
                    insert.setTimestamp(3, Timestamp.from(order.createdAt()));
                    insert.addBatch();
                }
                insert.executeBatch();
                List<Long> ids = new ArrayList<>(planned.size());
                try (ResultSet keys = insert.getGeneratedKeys()) {
                    while (keys.next()) {
                        ids.add(keys.getLong(1));
                    }
                }
                return ids;
            }
        });
        List<Object[]> lineRows = new ArrayList<>();
        for (int i = 0; i < planned.size(); i++) {
            long orderId = orderIds.get(i);
            planned.get(i).lines().forEach((productId, qtyAndPrice) ->
                    lineRows.add(new Object[]{orderId, productId, qtyAndPrice[0], qtyAndPrice[1]}));
        }
        jdbc.batchUpdate("INSERT INTO order_line (order_id, product_id, quantity, unit_price_cents) VALUES (?, ?, ?, ?)", lineRows);
        return new long[]{planned.size(), lineRows.size()};
    }
}
