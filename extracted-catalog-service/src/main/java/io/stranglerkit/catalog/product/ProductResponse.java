package io.stranglerkit.catalog.product;

import java.time.Instant;

/** The monolith's product JSON, field for field: {@code price} is a string with two decimals. */
public record ProductResponse(long id, String sku, String name, String description, String price,
                              long categoryId, String category, long version, Instant updatedAt) {

    public static ProductResponse from(Product p) {
        return new ProductResponse(p.id(), p.sku(), p.name(), p.description(), p.price().setScale(2).toPlainString(),
                p.categoryId(), p.categoryName(), p.version(), p.updatedAt());
    }
}
