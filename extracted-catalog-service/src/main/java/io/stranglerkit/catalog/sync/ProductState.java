package io.stranglerkit.catalog.sync;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * A product's content in the catalog's terms, as the convergence rule compares it: everything a
 * reader can see, {@code updatedAt} included (two sides that agree on everything else but the time
 * would otherwise never converge).
 */
public record ProductState(long id, String sku, String name, String description, BigDecimal price,
                           long categoryId, long version, Instant updatedAt) {

    public boolean sameContentAs(ProductState other) {
        return other != null && id == other.id && categoryId == other.categoryId && version == other.version
                && Objects.equals(sku, other.sku) && Objects.equals(name, other.name)
                && Objects.equals(description, other.description)
                && price.compareTo(other.price) == 0
                && Objects.equals(updatedAt, other.updatedAt);
    }
}
