package io.stranglerkit.shop.model;

import java.time.Instant;

/** A product row joined with its category's name. */
public record Product(long id, String sku, String name, String description, long priceCents,
                      long categoryId, String categoryName, long version, Instant updatedAt) {
}
