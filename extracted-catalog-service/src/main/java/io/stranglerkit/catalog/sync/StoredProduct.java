package io.stranglerkit.catalog.sync;

/** A catalog product row as the forward sync sees it: content, tombstone, who wrote it, and from where. */
public record StoredProduct(ProductState state, boolean deleted, Side writtenBy, SourcePosition source) {
}
