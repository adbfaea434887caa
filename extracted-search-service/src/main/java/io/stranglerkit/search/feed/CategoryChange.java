package io.stranglerkit.search.feed;

import io.stranglerkit.platform.cdc.BinlogPosition;
import io.stranglerkit.search.model.Category;

/** One change of a category row; a delete carries the row as it was before. */
public record CategoryChange(Category category, boolean deleted, BinlogPosition position, long emittedAtMs) {

    public long id() {
        return category.id();
    }
}
