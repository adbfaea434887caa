package io.stranglerkit.shop.service;

import io.stranglerkit.shop.model.Order;
import io.stranglerkit.shop.repository.CustomerRepository;
import io.stranglerkit.shop.repository.OrderRepository;
import io.stranglerkit.shop.repository.ProductRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@Service
public class OrderService {

    public record LineRequest(long productId, int quantity) {
    }

    private final OrderRepository orders;
    private final CustomerRepository customers;
    private final ProductRepository products;

    public OrderService(OrderRepository orders, CustomerRepository customers, ProductRepository products) {
        this.orders = orders;
        this.customers = customers;
        this.products = products;
    }

    public Order get(long id) {
        return orders.findById(id).orElseThrow(() -> new NotFoundException("order", id));
    }

    /** Places an order; each line copies the product's price as it is right now. */
    @Transactional
    public Order place(long customerId, List<LineRequest> lines) {
        if (customers.findById(customerId).isEmpty()) {
            throw new InvalidFieldException("customerId", "customer " + customerId + " does not exist");
        }
        Map<Long, Integer> quantities = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            LineRequest line = lines.get(i);
            if (products.currentVersion(line.productId()).isEmpty()) {
                throw new InvalidFieldException("lines[" + i + "].productId", "product " + line.productId() + " does not exist");
            }
            quantities.merge(line.productId(), line.quantity(), Integer::sum);
        }
        long orderId = orders.insertOrder(customerId, "NEW");
        quantities.forEach((productId, quantity) -> orders.insertLineAtCurrentPrice(orderId, productId, quantity));
        return get(orderId);
    }
}
