package io.stranglerkit.catalog.product;

import java.math.BigDecimal;
import java.time.Instant;

/** A live catalog product with its category's name, as the API shows it. */
public record Product(long id, String sku, String name, String description, BigDecimal price,
                      long categoryId, String categoryName, long version, Instant updatedAt) {
}
