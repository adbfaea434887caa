package io.stranglerkit.catalog.sync;

import io.stranglerkit.platform.cdc.BinlogPosition;
/** One change of the monolith's tables, already in the catalog's terms. */
public sealed interface ShopChange {

    BinlogPosition position();

    /** When the cdc-bridge read the change (Debezium's {@code ts_ms}); 0 if unknown. */
    long emittedAtMs();

    /**
     * @param duringInitialSnapshot read by the bridge's first snapshot, before its last row: the
     *                              catalog has not seen every product yet
     */
    record Product(ProductState state, boolean deleted, BinlogPosition position, long emittedAtMs,
                   boolean duringInitialSnapshot) implements ShopChange {

        /** For the convergence rule: the shop does not record who wrote a row, nor whether it was created. */
        public ProductChange asProductChange() {
            return new ProductChange(Side.MONOLITH, state, deleted, false, null, position);
        }
    }

    record Category(long id, String name, Long parentId, boolean deleted, BinlogPosition position, long emittedAtMs)
            implements ShopChange {
    }

    record OrderLine(long orderId, long productId, boolean deleted, BinlogPosition position, long emittedAtMs)
            implements ShopChange {
    }
}
