package io.stranglerkit.cdc.reverse;

import java.time.Instant;
import java.util.Objects;

/** A row of the monolith's {@code product} table, in its own (legacy) terms. */
public record ShopRow(long id, String sku, String name, String description, long priceCents, long categoryId,
                      long version, Instant updatedAt) {

    public boolean sameContentAs(ShopRow other) {
        return other != null && id == other.id && priceCents == other.priceCents && categoryId == other.categoryId
                && version == other.version && Objects.equals(sku, other.sku) && Objects.equals(name, other.name)
                && Objects.equals(description, other.description) && Objects.equals(updatedAt, other.updatedAt);
    }
}
