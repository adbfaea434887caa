package io.stranglerkit.catalog.sync;

import io.stranglerkit.catalog.config.CatalogProperties;
import io.stranglerkit.platform.cdc.PoisonEventException;
import io.stranglerkit.platform.kafka.ConsumerProgress;
import io.stranglerkit.platform.tracing.ChangeTracing;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.util.List;

/**
 * Reverse sync: applies the catalog's own product changes (captured from the {@code catalog} schema by
 * the cdc-bridge, like the shop's) to the monolith's product table, so the monolith, unchanged, keeps
 * serving orders with current products and prices. It belongs to the catalog's side of the migration:
 * the bridge only captures and publishes. Each change is decided by the same {@link ConvergenceRule}
 * as the forward sync and written in its own transaction; the container commits the offsets after the
 * batch, so a crash replays changes, which the rule turns into echoes.
 */
@Component
public class ReverseSync {

    private static final Logger log = LoggerFactory.getLogger(ReverseSync.class);
    public static final String LISTENER_ID = "catalog-reverse-sync";

    private final CatalogProperties properties;
    private final ShopProducts shop;
    private final SyncDirection direction;
    private final ConsumerProgress progress;
    private final ChangeTracing tracing;

    public ReverseSync(CatalogProperties properties, ShopProducts shop, SyncDirection reverse, ChangeTracing tracing) {
        this.tracing = tracing;
        this.properties = properties;
        this.shop = shop;
        this.direction = reverse;
        this.progress = reverse.progress();
    }

    @KafkaListener(id = LISTENER_ID, idIsGroup = false, autoStartup = "${catalog.reverse-sync.enabled}",
            topics = "${catalog.reverse-sync.topic}", groupId = "${catalog.reverse-sync.consumer-group}",
            clientIdPrefix = LISTENER_ID,
            properties = {"group.instance.id=${catalog.reverse-sync.consumer-instance-id}", "max.poll.records=500"})
    public void onChanges(List<ConsumerRecord<byte[], byte[]>> records, Consumer<?, ?> consumer) {
        int parsed = 0;
        PoisonEventException poison = null;
        try (Connection db = shop.connect()) {
            for (ConsumerRecord<byte[], byte[]> record : records) {
                ProductChange change;
                try {
                    change = CatalogToShopTranslation.product(record.value());
                } catch (PoisonEventException e) {
                    poison = e; // the catalog's own table wrote it: a bug, dead-lettered with the reason
                    break;
                }
                if (change != null) {
                    // In the scope of the change's trace: the shop's row event carries it on (to search).
                    tracing.apply("catalog reverse sync", record, () -> apply(db, change, record.timestamp()));
                }
                parsed++;
            }
        } catch (SQLException | RuntimeException e) {
            progress.failed(e);
            throw e instanceof RuntimeException r ? r : new IllegalStateException("reverse sync: " + e.getMessage(), e);
        }
        progress.applied(consumer, parsed);
        if (poison != null) {
            throw new BatchListenerFailedException(poison.getMessage(), poison, parsed);
        }
    }

    /** @param publishedAtMs when the bridge published the change: the apply lag counts from there */
    private void apply(Connection db, ProductChange change, long publishedAtMs) throws SQLException {
        if (change.copyOfReceiver()) {
            // Most catalog changes are the forward sync's copies of shop changes: no need to read the shop.
            direction.count(ConvergenceRule.Outcome.ECHO);
            return;
        }
        ProductState product = change.state();
        StoredProduct current = shop.lock(db, product.id());
        ConvergenceRule.Outcome outcome = ConvergenceRule.decide(current, change, properties.tieWinner());
        try {
            if (outcome == ConvergenceRule.Outcome.INSERTED) {
                shop.insert(db, product);
            } else if (outcome.deletes()) {
                shop.delete(db, product.id());
            } else if (outcome.writes(Side.MONOLITH)) {
                shop.update(db, product);
            }
            db.commit();
        } catch (SQLIntegrityConstraintViolationException e) {
            db.rollback();
            // The shop's constraints refused it: a product its orders still point at, a sku another shop
            // product has, a category deleted meanwhile. The shop keeps its state; counted and logged.
            direction.conflict("refused_by_shop");
            log.error("the shop refused the catalog's change to product {} ({}): {}", product.id(), outcome.label(), e.getMessage());
            return;
        }
        direction.count(outcome);
        direction.applied(publishedAtMs);
        if (outcome.conflict()) {
            log.warn("conflict on product {}: catalog version {}, shop version {}; outcome {} (tie winner: {})", product.id(),
                    product.version(), current == null ? "none (deleted)" : current.state().version(), outcome.label(),
                    properties.tieWinner().column());
        }
    }

    public boolean enabled() {
        return properties.reverseSync().enabled();
    }

    public SyncDirection direction() {
        return direction;
    }
}
