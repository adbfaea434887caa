package io.stranglerkit.shop.dto;

import io.stranglerkit.shop.model.Money;
import io.stranglerkit.shop.model.Product;

import java.time.Instant;

public record ProductResponse(long id, String sku, String name, String description, String price,
                              long categoryId, String category, long version, Instant updatedAt) {

    public static ProductResponse from(Product p) {
        return new ProductResponse(p.id(), p.sku(), p.name(), p.description(), Money.format(p.priceCents()),
                p.categoryId(), p.categoryName(), p.version(), p.updatedAt());
    }
}
