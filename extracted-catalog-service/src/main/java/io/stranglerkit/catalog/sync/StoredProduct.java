package io.stranglerkit.catalog.sync;

import io.stranglerkit.platform.cdc.BinlogPosition;
/** A catalog product row as the forward sync sees it: content, tombstone, who wrote it, and from where. */
public record StoredProduct(ProductState state, boolean deleted, Side writtenBy, BinlogPosition source) {
}
