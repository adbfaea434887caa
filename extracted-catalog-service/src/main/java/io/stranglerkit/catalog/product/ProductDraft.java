package io.stranglerkit.catalog.product;

import java.math.BigDecimal;

/** What a client asks to store: validated, trimmed, not yet a product. */
public record ProductDraft(String sku, String name, String description, BigDecimal price, long categoryId) {
}
