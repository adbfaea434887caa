package io.stranglerkit.catalog.sync;

import io.stranglerkit.catalog.config.CatalogProperties;
import io.stranglerkit.platform.cdc.PoisonEventException;
import io.stranglerkit.platform.kafka.ConsumerProgress;
import io.stranglerkit.platform.tracing.ChangeTracing;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.List;

/**
 * Forward sync: keeps the catalog in step with the monolith's product, category and order-line
 * changes. spring-kafka hands each poll's records to {@link #onChanges}, which translates them and
 * applies the batch in one transaction ({@link ForwardApply}); the container commits the offsets after
 * it returns, so a crash replays at most the last batch, which the rule absorbs (echoes, stale). The
 * kit's error policy retries failures with back-off and dead-letters poison events.
 *
 * <p>It can be switched off ({@code PUT /admin/forward-sync}) once the monolith no longer writes
 * products: the last step of the migration, persisted across restarts.
 */
@Component
public class ForwardSync implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ForwardSync.class);
    public static final String LISTENER_ID = "catalog-forward-sync";
    static final String ENABLED_SETTING = "forward_sync";
    static final String LOADED_SETTING = "initial_load";
    static final String SNAPSHOT_END_SETTING = "snapshot_end";

    private final CatalogProperties properties;
    private final SyncStore store;
    private final ForwardApply forwardApply;
    private final TransactionTemplate transactions;
    private final SyncDirection direction;
    private final ConsumerProgress progress;
    private final KafkaListenerEndpointRegistry listeners;
    private final ChangeTracing tracing;

    private volatile boolean running;
    private volatile boolean enabled = true;
    private volatile boolean initialLoadDone;
    /** A product change from after the bridge's initial snapshot was seen: every snapshot row was published before it. */
    private volatile boolean snapshotEndSeen;

    public ForwardSync(CatalogProperties properties, SyncStore store, ForwardApply forwardApply, TransactionTemplate transactions,
                       SyncDirection forward, KafkaListenerEndpointRegistry listeners, ChangeTracing tracing) {
        this.tracing = tracing;
        this.properties = properties;
        this.store = store;
        this.forwardApply = forwardApply;
        this.transactions = transactions;
        this.direction = forward;
        this.progress = forward.progress();
        this.listeners = listeners;
        progress.whenLive(this::caughtUp);
    }

    @Override
    public void start() {
        enabled = !"off".equals(store.setting(ENABLED_SETTING).orElse("on"));
        initialLoadDone = "done".equals(store.setting(LOADED_SETTING).orElse(""));
        snapshotEndSeen = "seen".equals(store.setting(SNAPSHOT_END_SETTING).orElse(""));
        running = true;
        if (enabled) {
            container().start();
        } else {
            progress.off();
        }
    }

    @KafkaListener(id = LISTENER_ID, idIsGroup = false, autoStartup = "false",
            topics = {"${catalog.product-topic}", "${catalog.category-topic}", "${catalog.order-line-topic}"})
    public void onChanges(List<ConsumerRecord<byte[], byte[]>> records, Consumer<?, ?> consumer) {
        List<ShopChange> changes = new ArrayList<>(records.size());
        int parsed = 0;
        PoisonEventException poison = null;
        for (ConsumerRecord<byte[], byte[]> record : records) {
            try {
                ShopChange change = translate(record);
                if (change != null) {
                    changes.add(change);
                }
                parsed++;
            } catch (PoisonEventException e) {
                poison = e; // the changes before it are applied, then the error handler dead-letters it
                break;
            }
        }
        boolean snapshotEnds = !snapshotEndSeen && changes.stream()
                .anyMatch(c -> c instanceof ShopChange.Product p && !p.duringInitialSnapshot());
        List<ConvergenceRule.Outcome> results;
        try {
            results = tracing.apply("catalog forward sync", records.subList(0, parsed),
                    () -> transactions.execute(tx -> forwardApply.apply(changes, snapshotEnds)));
        } catch (RuntimeException e) {
            progress.failed(e);
            throw e;
        }
        snapshotEndSeen |= snapshotEnds;
        results.forEach(direction::count);
        changes.forEach(c -> direction.applied(c.emittedAtMs()));
        progress.applied(consumer, parsed);
        if (poison != null) {
            throw new BatchListenerFailedException(poison.getMessage(), poison, parsed);
        }
    }

    private ShopChange translate(ConsumerRecord<byte[], byte[]> record) {
        if (record.topic().equals(properties.productTopic())) {
            return LegacyShopTranslation.product(record.value());
        }
        if (record.topic().equals(properties.categoryTopic())) {
            return LegacyShopTranslation.category(record.value());
        }
        return LegacyShopTranslation.orderLine(record.value());
    }

    /** On the consumer thread, whenever nothing is left to read: the first time after the snapshot, writes open. */
    private void caughtUp() {
        if (snapshotEndSeen && !initialLoadDone) {
            store.saveSetting(LOADED_SETTING, "done");
            initialLoadDone = true;
            log.info("initial load from the monolith's change topics complete: {} products; writes are open", store.liveProducts());
        }
    }

    /** Turns the forward sync on or off, persisted; returns the previous setting. */
    public synchronized boolean setEnabled(boolean on) {
        boolean before = enabled;
        store.saveSetting(ENABLED_SETTING, on ? "on" : "off");
        enabled = on;
        if (on && !before) {
            progress.on();
            container().start();
        } else if (!on && before) {
            container().stop(progress::off);
        }
        return before;
    }

    public boolean enabled() {
        return enabled;
    }

    /** {@code null} when API writes may proceed, else why not (and what to wait for). */
    public String whyNotReadyForWrites() {
        if (initialLoadDone || !enabled) {
            return null;
        }
        return "the catalog is still loading the monolith's products (forward sync " + progress.state().label()
                + ", " + Math.max(0, progress.lagRecords()) + " changes behind"
                + (snapshotEndSeen ? "" : ", the bridge's snapshot not complete") + "); writes open when it has caught up once";
    }

    public SyncDirection direction() {
        return direction;
    }

    private MessageListenerContainer container() {
        return listeners.getListenerContainer(LISTENER_ID);
    }

    /** Before the listener registry (which stops the container itself at shutdown). */
    @Override
    public int getPhase() {
        return 0;
    }

    @Override
    public void stop() {
        running = false;
        progress.stopped();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
