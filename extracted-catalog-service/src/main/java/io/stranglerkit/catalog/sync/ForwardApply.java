package io.stranglerkit.catalog.sync;

import io.stranglerkit.catalog.config.CatalogProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Applies one batch of the monolith's changes to the catalog, inside the batch's transaction:
 * categories and order references first (products may name them), then each product change as the
 * {@link ConvergenceRule} decides it against the catalog's row, in binlog order.
 */
@Component
class ForwardApply {

    private static final Logger log = LoggerFactory.getLogger(ForwardApply.class);

    private final SyncStore store;
    private final CatalogProperties properties;
    private final SyncDirection direction;

    ForwardApply(SyncStore store, CatalogProperties properties, SyncDirection forward) {
        this.store = store;
        this.properties = properties;
        this.direction = forward;
    }

    /** @param snapshotEnds whether to record, with this batch, that the bridge's initial snapshot ended */
    List<ConvergenceRule.Outcome> apply(List<ShopChange> changes, boolean snapshotEnds) {
        List<Long> productIds = new ArrayList<>();
        for (ShopChange change : changes) {
            if (change instanceof ShopChange.Category category) {
                store.applyCategory(category);
            } else if (change instanceof ShopChange.OrderLine line) {
                store.applyOrderLine(line);
            } else if (change instanceof ShopChange.Product product) {
                productIds.add(product.state().id());
            }
        }
        if (snapshotEnds) {
            // Stored with the batch: a catalog restarted after this batch but before it caught up still
            // knows the snapshot ended, and opens writes once caught up instead of at the next change.
            store.saveSetting(ForwardSync.SNAPSHOT_END_SETTING, "seen");
        }
        Map<Long, StoredProduct> current = store.lockProducts(productIds);
        List<ConvergenceRule.Outcome> results = new ArrayList<>();
        List<ShopChange.Product> pendingInserts = new ArrayList<>();
        for (ShopChange change : changes) {
            if (change instanceof ShopChange.Product product) {
                results.add(applyProduct(product, current, pendingInserts));
            }
        }
        flush(pendingInserts, current);
        return results;
    }

    /**
     * Decides one change against the catalog's row (as updated by the changes before it in the batch).
     * Inserts are collected and written together; any other write first flushes them, so the
     * statements still run in the changes' order.
     */
    private ConvergenceRule.Outcome applyProduct(ShopChange.Product change, Map<Long, StoredProduct> current,
                                                 List<ShopChange.Product> pendingInserts) {
        ProductState incoming = change.state();
        StoredProduct mine = current.get(incoming.id());
        ConvergenceRule.Outcome outcome = ConvergenceRule.decide(mine, change.asProductChange(), properties.tieWinner());
        boolean writes = outcome.writes(Side.CATALOG);
        if (outcome == ConvergenceRule.Outcome.INSERTED) {
            pendingInserts.add(change);
        } else if (writes) {
            flush(pendingInserts, current);
            if (outcome.deletes()) {
                store.tombstone(incoming.id(), change.position());
            } else if (!store.overwrite(incoming, change.position())) {
                return skuClash(incoming);
            }
        }
        if (outcome.conflict()) {
            log.warn("conflict on product {}: monolith version {}, catalog version {} written by {}; outcome {} (tie winner: {})",
                    incoming.id(), incoming.version(), mine.state().version(), mine.writtenBy().column(), outcome.label(),
                    properties.tieWinner().column());
        }
        if (writes) {
            current.put(incoming.id(), new StoredProduct(incoming, outcome.deletes() || (mine != null && mine.deleted()),
                    Side.MONOLITH, change.position()));
        }
        return outcome;
    }

    private void flush(List<ShopChange.Product> pendingInserts, Map<Long, StoredProduct> current) {
        for (long clashed : store.insertAll(pendingInserts)) {
            current.remove(clashed);
            ProductState state = pendingInserts.stream().filter(c -> c.state().id() == clashed).findFirst().orElseThrow().state();
            skuClash(state);
        }
        pendingInserts.clear();
    }

    /**
     * Two products with one sku, one created on each side: the unique sku cannot hold both. Neither
     * side's rule can merge them; it is counted, logged and left for a person (kit verify shows it).
     */
    private ConvergenceRule.Outcome skuClash(ProductState incoming) {
        log.error("sku clash: the monolith's product {} has sku '{}', which a catalog product already uses; not applied",
                incoming.id(), incoming.sku());
        direction.conflict("sku_clash");
        return ConvergenceRule.Outcome.STALE;
    }
}
