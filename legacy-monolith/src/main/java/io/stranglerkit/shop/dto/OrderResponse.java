package io.stranglerkit.shop.dto;

import io.stranglerkit.shop.model.Money;
import io.stranglerkit.shop.model.Order;

import java.time.Instant;
import java.util.List;

public record OrderResponse(long id, long customerId, String status, Instant createdAt, List<Line> lines, String total) {

    public record Line(long productId, String sku, String name, int quantity, String unitPrice, String lineTotal) {
    }

    public static OrderResponse from(Order o) {
        List<Line> lines = o.lines().stream()
                .map(l -> new Line(l.productId(), l.sku(), l.productName(), l.quantity(),
                        Money.format(l.unitPriceCents()), Money.format(l.unitPriceCents() * l.quantity())))
                .toList();
        long total = o.lines().stream().mapToLong(l -> l.unitPriceCents() * l.quantity()).sum();
        return new OrderResponse(o.id(), o.customerId(), o.status(), o.createdAt(), lines, Money.format(total));
    }
}
