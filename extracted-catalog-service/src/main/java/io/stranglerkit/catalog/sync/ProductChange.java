package io.stranglerkit.catalog.sync;

import io.stranglerkit.platform.cdc.BinlogPosition;

/**
 * One product change from one side, in the catalog's terms, as the {@link ConvergenceRule} decides it
 * for the other side.
 *
 * @param from      the side whose table changed
 * @param state     the product after the change (before it, for a delete)
 * @param deleted   the change deletes the product (a row delete in the shop, a tombstone in the catalog)
 * @param created   the row was inserted or read by a snapshot, not updated
 * @param writtenBy who wrote the sending side's row, where that side records it ({@code null} for the
 *                  shop, which does not): a catalog row written by the monolith is a copy, not news
 * @param position  where the change sits in the binlog
 */
public record ProductChange(Side from, ProductState state, boolean deleted, boolean created, Side writtenBy,
                            BinlogPosition position) {

    /** A row the receiving side wrote itself, come back through the other side: never applied again. */
    public boolean copyOfReceiver() {
        return !deleted && writtenBy == to();
    }

    /** The side the change is applied to. */
    public Side to() {
        return from.other();
    }
}
