package io.stranglerkit.catalog.sync;

import io.stranglerkit.platform.cdc.PoisonEventException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.stranglerkit.catalog.config.CatalogProperties;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Forward sync: keeps the catalog in step with the monolith's product, category and order-line
 * changes. One thread polls, translates, applies the batch in one transaction under the
 * {@link ConvergenceRule}, and only then commits the Kafka offsets: a crash replays at most the last
 * batch, which the rule absorbs (replays are echoes or stale). A database failure is retried from the
 * last committed offsets with back-off; a change that can never be applied is dead-lettered.
 *
 * <p>It can be switched off ({@code POST /admin/forward-sync}) once the monolith no longer writes
 * products: the last step of the migration, persisted across restarts.
 */
@Component
public class ForwardSync implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ForwardSync.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    static final String ENABLED_SETTING = "forward_sync";
    static final String LOADED_SETTING = "initial_load";
    static final String SNAPSHOT_END_SETTING = "snapshot_end";

    public enum State { STOPPED, WAITING_FOR_PARTITIONS, CATCHING_UP, LIVE, FAILING, OFF }

    private final CatalogProperties properties;
    private final SyncStore store;
    private final TransactionTemplate transactions;
    private final MeterRegistry meters;
    private final Timer applyLag;
    private final AtomicLong lagRecords = new AtomicLong(-1);
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong conflicts = new AtomicLong();
    private final AtomicLong deadLettered = new AtomicLong();
    private final Map<ConvergenceRule.Outcome, AtomicLong> outcomes = new HashMap<>();

    private volatile State state = State.STOPPED;
    private volatile boolean running;
    private volatile boolean enabled = true;
    private volatile boolean initialLoadDone;
    /** A product change from after the bridge's initial snapshot was seen: every snapshot row was published before it. */
    private volatile boolean snapshotEndSeen;
    private volatile Thread thread;
    private volatile Consumer<byte[], byte[]> consumer;
    private volatile Instant lastAppliedAt;
    private volatile String lastError;
    private volatile Instant failingSince;

    public ForwardSync(CatalogProperties properties, SyncStore store, TransactionTemplate transactions, MeterRegistry meters) {
        this.properties = properties;
        this.store = store;
        this.transactions = transactions;
        this.meters = meters;
        this.applyLag = Timer.builder("catalog.sync.apply.lag")
                .description("from the cdc-bridge reading a monolith change to the catalog having applied it")
                .publishPercentiles(0.5, 0.99)
                .register(meters);
        for (ConvergenceRule.Outcome outcome : ConvergenceRule.Outcome.values()) {
            outcomes.put(outcome, new AtomicLong());
        }
        meters.gauge("catalog.sync.lag.records", lagRecords);
    }

    @Override
    public int getPhase() {
        return 0;
    }

    @Override
    public void start() {
        enabled = !"off".equals(store.setting(ENABLED_SETTING).orElse("on"));
        initialLoadDone = "done".equals(store.setting(LOADED_SETTING).orElse(""));
        snapshotEndSeen = "seen".equals(store.setting(SNAPSHOT_END_SETTING).orElse(""));
        running = true;
        thread = new Thread(this::run, "catalog-forward-sync");
        thread.start();
    }

    private void run() {
        int failuresInARow = 0;
        while (running) {
            if (!enabled) {
                state = State.OFF;
                lagRecords.set(0);
                sleep(200);
                continue;
            }
            try (Consumer<byte[], byte[]> c = newConsumer(); DeadLetters deadLetters = new DeadLetters(
                    properties.kafkaBootstrapServers(), properties.deadLetterTopic())) {
                consumer = c;
                state = State.WAITING_FOR_PARTITIONS;
                c.subscribe(List.of(properties.productTopic(), properties.categoryTopic(), properties.orderLineTopic()));
                while (running && enabled) {
                    pollOnce(c, deadLetters);
                    failuresInARow = 0;
                    failingSince = null;
                }
            } catch (WakeupException stopping) {
                // stop() or a switch-off woke the consumer
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                failuresInARow++;
                fail(e);
                long delay = Math.min(MAX_BACKOFF.toMillis(), 500L << Math.min(failuresInARow, 6));
                log.warn("forward sync failed ({} in a row), retrying from the last committed offsets in {} ms: {}",
                        failuresInARow, delay, lastError);
                sleep(delay);
            }
        }
    }

    private void pollOnce(Consumer<byte[], byte[]> c, DeadLetters deadLetters) throws InterruptedException {
        ConsumerRecords<byte[], byte[]> records = c.poll(Duration.ofMillis(100));
        if (!records.isEmpty()) {
            List<ShopChange> changes = new ArrayList<>(records.count());
            for (ConsumerRecord<byte[], byte[]> record : records) {
                try {
                    ShopChange change = translate(record);
                    if (change != null) {
                        changes.add(change);
                    }
                } catch (PoisonEventException e) {
                    deadLetters.send(record, e.getMessage());
                    deadLettered.incrementAndGet();
                    meters.counter("catalog.sync.dead.lettered").increment();
                }
            }
            List<ConvergenceRule.Outcome> results = transactions.execute(tx -> apply(changes));
            c.commitSync(nextOffsets(records));
            received.addAndGet(records.count());
            afterApply(changes, results);
        }
        updateLag(c);
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

    /** One transaction: categories and order references first (products may name them), then products in order. */
    private List<ConvergenceRule.Outcome> apply(List<ShopChange> changes) {
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
        if (!snapshotEndSeen && snapshotEnds(changes)) {
            // Stored with the batch: a catalog restarted after this batch but before it caught up still
            // knows the snapshot ended, and opens writes once caught up instead of at the next change.
            store.saveSetting(SNAPSHOT_END_SETTING, "seen");
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
        ConvergenceRule.Outcome outcome = ConvergenceRule.forward(mine, incoming, change.deleted(), change.position(),
                properties.tieWinner());
        if (outcome == ConvergenceRule.Outcome.INSERTED) {
            pendingInserts.add(change);
        } else if (outcome.applies()) {
            flush(pendingInserts, current);
            switch (outcome) {
                case APPLIED, CONFLICT_MONOLITH_WINS -> {
                    if (!store.overwrite(incoming, change.position())) {
                        return skuClash(incoming);
                    }
                }
                default -> store.tombstone(incoming.id(), change.position()); // DELETED, DELETED_OVER_UPDATE
            }
        }
        if (outcome.conflict()) {
            log.warn("conflict on product {}: monolith version {}, catalog version {} written by {}; outcome {} (tie winner: {})",
                    incoming.id(), incoming.version(), mine.state().version(), mine.writtenBy().column(), outcome.label(),
                    properties.tieWinner().column());
        }
        if (outcome.applies()) {
            boolean deleted = outcome == ConvergenceRule.Outcome.DELETED || outcome == ConvergenceRule.Outcome.DELETED_OVER_UPDATE;
            current.put(incoming.id(), new StoredProduct(incoming, deleted || (mine != null && mine.deleted()),
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
        meters.counter("catalog.sync.conflicts", "kind", "sku_clash").increment();
        conflicts.incrementAndGet();
        return ConvergenceRule.Outcome.STALE;
    }

    private static boolean snapshotEnds(List<ShopChange> changes) {
        return changes.stream().anyMatch(c -> c instanceof ShopChange.Product p && !p.duringInitialSnapshot());
    }

    private void afterApply(List<ShopChange> changes, List<ConvergenceRule.Outcome> results) {
        snapshotEndSeen |= snapshotEnds(changes);
        for (ConvergenceRule.Outcome outcome : results) {
            outcomes.get(outcome).incrementAndGet();
            Counter.builder("catalog.sync.changes").tag("direction", "forward").tag("outcome", outcome.label())
                    .register(meters).increment();
            if (outcome.conflict()) {
                conflicts.incrementAndGet();
                meters.counter("catalog.sync.conflicts", "kind", outcome.label()).increment();
            }
        }
        long now = System.currentTimeMillis();
        for (ShopChange change : changes) {
            if (change.emittedAtMs() > 0) {
                applyLag.record(Math.max(0, now - change.emittedAtMs()), TimeUnit.MILLISECONDS);
            }
        }
        if (!changes.isEmpty()) {
            lastAppliedAt = Instant.now();
        }
    }

    private void updateLag(Consumer<byte[], byte[]> c) {
        var assigned = c.assignment();
        if (assigned.isEmpty()) {
            state = State.WAITING_FOR_PARTITIONS;
            return;
        }
        long behind = 0;
        for (TopicPartition tp : assigned) {
            var lag = c.currentLag(tp);
            if (lag.isEmpty()) {
                state = state == State.LIVE ? State.LIVE : State.CATCHING_UP;
                return;
            }
            behind += lag.getAsLong();
        }
        lagRecords.set(behind);
        state = behind == 0 ? State.LIVE : State.CATCHING_UP;
        if (behind == 0 && snapshotEndSeen && !initialLoadDone) {
            store.saveSetting(LOADED_SETTING, "done");
            initialLoadDone = true;
            log.info("initial load from the monolith's change topics complete: {} products; writes are open", store.liveProducts());
        }
    }

    private static Map<TopicPartition, OffsetAndMetadata> nextOffsets(ConsumerRecords<byte[], byte[]> records) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition tp : records.partitions()) {
            var list = records.records(tp);
            offsets.put(tp, new OffsetAndMetadata(list.get(list.size() - 1).offset() + 1));
        }
        return offsets;
    }

    private Consumer<byte[], byte[]> newConsumer() {
        Map<String, Object> config = new HashMap<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, properties.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, properties.consumerGroup(),
                ConsumerConfig.CLIENT_ID_CONFIG, "catalog-forward-sync",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1000,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
        // A crashed instance that comes back with the same id gets its partitions at once.
        config.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, properties.consumerInstanceId());
        config.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
        return new KafkaConsumer<>(config);
    }

    // ---- switch --------------------------------------------------------------------------------

    /** Turns the forward sync on or off, persisted; returns the previous setting. */
    public synchronized boolean setEnabled(boolean on) {
        boolean before = enabled;
        store.saveSetting(ENABLED_SETTING, on ? "on" : "off");
        enabled = on;
        Consumer<byte[], byte[]> c = consumer;
        if (!on && c != null) {
            c.wakeup();
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
        return "the catalog is still loading the monolith's products (forward sync " + state.name().toLowerCase().replace('_', '-')
                + ", " + Math.max(0, lagRecords.get()) + " changes behind" + (snapshotEndSeen ? "" : ", the bridge's snapshot not complete")
                + "); writes open when it has caught up once";
    }

    // ---- status --------------------------------------------------------------------------------

    private void fail(RuntimeException e) {
        state = State.FAILING;
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        lastError = root == e ? String.valueOf(e.getMessage()) : e.getMessage() + ": " + root.getMessage();
        if (failingSince == null) {
            failingSince = Instant.now();
        }
        meters.counter("catalog.sync.errors").increment();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public State state() {
        return state;
    }

    public long lagRecords() {
        return lagRecords.get();
    }

    public long received() {
        return received.get();
    }

    public long conflicts() {
        return conflicts.get();
    }

    public long deadLettered() {
        return deadLettered.get();
    }

    public Map<String, Long> outcomes() {
        Map<String, Long> counts = new java.util.TreeMap<>();
        outcomes.forEach((outcome, n) -> counts.put(outcome.label(), n.get()));
        return counts;
    }

    public Instant lastAppliedAt() {
        return lastAppliedAt;
    }

    public String lastError() {
        return lastError;
    }

    public Instant failingSince() {
        return failingSince;
    }

    public Timer applyLag() {
        return applyLag;
    }

    @Override
    public void stop() {
        running = false;
        Consumer<byte[], byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        Thread t = thread;
        if (t != null) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(15));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        state = State.STOPPED;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
