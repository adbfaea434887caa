package io.stranglerkit.search.model;

/** A product as the read model keeps it: what a search answer shows, plus the category it points at. */
public record ProductDoc(long id, String sku, String name, String description, long priceCents, long categoryId,
                         long version) {
}
