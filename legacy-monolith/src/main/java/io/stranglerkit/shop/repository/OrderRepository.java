package io.stranglerkit.shop.repository;

import io.stranglerkit.shop.model.Order;
import io.stranglerkit.shop.model.OrderLine;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

import java.util.List;
import java.util.Optional;

@Repository
public class OrderRepository {

    private final JdbcClient jdbc;

    public OrderRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long insertOrder(long customerId, String status) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO orders (customer_id, status) VALUES (?, ?)").params(customerId, status).update(key);
        return key.getKeyAs(Number.class).longValue();
    }

    /** Copies the product's current price into the line: the legacy coupling to the product table. */
    public void insertLineAtCurrentPrice(long orderId, long productId, int quantity) {
        jdbc.sql("""
                        INSERT INTO order_line (order_id, product_id, quantity, unit_price_cents)
                        SELECT ?, id, ?, price_cents FROM product WHERE id = ?""")
                .params(orderId, quantity, productId)
                .update();
    }

    public Optional<Order> findById(long id) {
        return jdbc.sql("SELECT id, customer_id, status, created_at FROM orders WHERE id = ?")
                .param(id)
                .query((rs, i) -> new Order(rs.getLong("id"), rs.getLong("customer_id"), rs.getString("status"),
                        rs.getTimestamp("created_at").toInstant(), findLines(id)))
                .optional();
    }

    private List<OrderLine> findLines(long orderId) {
        return jdbc.sql("""
                        SELECT l.product_id, p.sku, p.name, l.quantity, l.unit_price_cents
                          FROM order_line l JOIN product p ON p.id = l.product_id
                         WHERE l.order_id = ?
                         ORDER BY l.product_id""")
                .param(orderId)
                .query((rs, i) -> new OrderLine(rs.getLong("product_id"), rs.getString("sku"), rs.getString("name"),
                        rs.getInt("quantity"), rs.getLong("unit_price_cents")))
                .list();
    }
}
