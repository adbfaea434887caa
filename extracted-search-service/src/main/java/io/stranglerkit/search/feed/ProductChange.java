package io.stranglerkit.search.feed;

import io.stranglerkit.platform.cdc.BinlogPosition;
import io.stranglerkit.search.model.ProductDoc;

/**
 * One change of a product row. For a delete, {@code doc} is the row as it was before (Debezium sends
 * the full before-image), kept in the model as a marker with {@code deleted = true}.
 */
public record ProductChange(ProductDoc doc, boolean deleted, BinlogPosition position, long emittedAtMs) {

    public long id() {
        return doc.id();
    }
}
