package io.stranglerkit.search.feed;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.stranglerkit.search.config.SearchProperties;
import io.stranglerkit.search.index.LiveIndex;
import io.stranglerkit.search.index.SearchIndex;
import io.stranglerkit.search.model.ModelStore;
import io.stranglerkit.search.model.ModelStore.Tables;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
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
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps the read model in step with the change topics. One thread polls, parses, writes the batch in
 * one database transaction, updates the in-memory index, and only then commits the Kafka offsets: a
 * crash at any point replays at most the last batch, which the "newer position wins" rule absorbs.
 * A database failure is retried from the last committed offsets with back-off (nothing is skipped);
 * an event that can never be applied goes to the dead-letter topic and the feed moves on.
 */
@Component
public class ChangeFeed implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ChangeFeed.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    public enum State { STOPPED, LOADING, WAITING_FOR_PARTITIONS, CATCHING_UP, LIVE, FAILING }

    private final SearchProperties properties;
    private final ModelStore store;
    private final LiveIndex index;
    private final TransactionTemplate transactions;
    private final MeterRegistry meters;
    private final Timer applyLag;
    private final AtomicLong lagRecords = new AtomicLong(-1);
    private final AtomicLong documents = new AtomicLong();

    private volatile State state = State.STOPPED;
    private volatile boolean running;
    private volatile Thread thread;
    private volatile Consumer<byte[], byte[]> consumer;
    private volatile Instant lastAppliedAt;
    private volatile long lastEmittedAtMs;
    private volatile String lastError;
    private volatile Instant lastErrorAt;
    private volatile Instant failingSince;
    private volatile boolean rebuildRequested;
    private volatile Rebuild.Progress rebuildProgress;
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong applied = new AtomicLong();
    private final AtomicLong stale = new AtomicLong();
    private final AtomicLong deadLettered = new AtomicLong();
    private Rebuild rebuild;

    public ChangeFeed(SearchProperties properties, ModelStore store, LiveIndex index, TransactionTemplate transactions,
                      MeterRegistry meters) {
        this.properties = properties;
        this.store = store;
        this.index = index;
        this.transactions = transactions;
        this.meters = meters;
        this.applyLag = Timer.builder("search.feed.apply.lag")
                .description("from the cdc-bridge reading a change to this service having applied it")
                .publishPercentiles(0.5, 0.99) // over a sliding window of about two minutes, for /status
                .register(meters);
        meters.gauge("search.model.lag.records", lagRecords);
        meters.gauge("search.model.documents", documents);
        meters.gauge("search.model.lag.seconds", this, ChangeFeed::lagSeconds);
    }

    /** Before the web server starts: the index is loaded from the model tables before any search is answered. */
    @Override
    public int getPhase() {
        return 0;
    }

    @Override
    public void start() {
        state = State.LOADING;
        index.replace(load(Tables.LIVE));
        running = true;
        thread = new Thread(this::run, "search-feed");
        thread.start();
    }

    private SearchIndex load(Tables tables) {
        long started = System.nanoTime();
        SearchIndex loaded = new SearchIndex();
        loaded.apply(store.categories(tables), List.of(), List.of(), List.of());
        List<io.stranglerkit.search.model.ProductDoc> chunk = new ArrayList<>(10_000);
        store.forEachProduct(tables, doc -> {
            chunk.add(doc);
            if (chunk.size() == 10_000) {
                loaded.putAll(chunk);
                chunk.clear();
            }
        });
        loaded.putAll(chunk);
        documents.set(loaded.size());
        log.info("search index loaded from {}: {} products, {} categories in {} ms", tables.name().toLowerCase(),
                loaded.size(), loaded.categoryCount(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        return loaded;
    }

    private void run() {
        int failuresInARow = 0;
        while (running) {
            try (Consumer<byte[], byte[]> c = newConsumer(properties.consumerGroup())) {
                consumer = c;
                state = State.WAITING_FOR_PARTITIONS;
                c.subscribe(List.of(properties.productTopic(), properties.categoryTopic()), new Rebalance());
                try (DeadLetters deadLetters = new DeadLetters(properties)) {
                    while (running) {
                        pollOnce(c, deadLetters);
                        failuresInARow = 0;
                        failingSince = null;
                    }
                }
            } catch (WakeupException stopping) {
                // stop() woke the consumer
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
                log.warn("search feed failed ({} in a row), retrying from the last committed offsets in {} ms: {}",
                        failuresInARow, delay, lastError);
                try {
                    Thread.sleep(delay);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    private void pollOnce(Consumer<byte[], byte[]> c, DeadLetters deadLetters) throws InterruptedException {
        if (rebuildRequested && rebuild == null) {
            startRebuild(c);
        }
        ConsumerRecords<byte[], byte[]> records = c.poll(Duration.ofMillis(100));
        if (!records.isEmpty()) {
            Batch batch = Batch.parse(records, properties.productTopic(), properties.categoryTopic());
            for (Batch.Poison poison : batch.poison()) {
                deadLetters.send(poison.record(), poison.reason());
                deadLettered.incrementAndGet();
                count(poison.record().topic(), "dead_lettered", 1);
            }
            ModelStore.Applied result = transactions.execute(tx -> {
                ModelStore.Applied live = store.apply(Tables.LIVE, batch.categories(), batch.products());
                if (rebuild != null) {
                    store.apply(Tables.NEXT, batch.categories(), batch.products());
                }
                return live;
            });
            index.get().apply(result.categories(), result.deletedCategories(), result.products(), result.deletedProducts());
            c.commitSync(nextOffsets(records));
            received.addAndGet(records.count());
            afterApply(batch, result);
        }
        if (rebuild != null) {
            stepRebuild();
        }
        updateLag(c);
    }

    private void afterApply(Batch batch, ModelStore.Applied result) {
        int changed = result.categories().size() + result.deletedCategories().size() + result.products().size()
                + result.deletedProducts().size();
        applied.addAndGet(changed);
        stale.addAndGet(result.stale());
        count(properties.productTopic(), "applied", result.products().size() + result.deletedProducts().size());
        count(properties.categoryTopic(), "applied", result.categories().size() + result.deletedCategories().size());
        meters.counter("search.feed.stale").increment(result.stale());
        long now = System.currentTimeMillis();
        for (ProductChange change : batch.products()) {
            recordLag(now, change.emittedAtMs());
        }
        for (CategoryChange change : batch.categories()) {
            recordLag(now, change.emittedAtMs());
        }
        if (batch.changes() > 0) {
            lastAppliedAt = Instant.now();
            lastEmittedAtMs = Math.max(lastEmittedAtMs, batch.newestEmittedAtMs());
        }
        documents.set(index.get().size());
    }

    private void recordLag(long now, long emittedAtMs) {
        if (emittedAtMs > 0) {
            applyLag.record(Math.max(0, now - emittedAtMs), TimeUnit.MILLISECONDS);
        }
    }

    private void count(String topic, String outcome, long n) {
        if (n > 0) {
            Counter.builder("search.feed.events").tag("topic", topic).tag("outcome", outcome).register(meters).increment(n);
        }
    }

    private void updateLag(Consumer<byte[], byte[]> c) {
        Set<TopicPartition> assigned = c.assignment();
        if (assigned.isEmpty()) {
            state = State.WAITING_FOR_PARTITIONS;
            return;
        }
        long behind = 0;
        boolean known = true;
        for (TopicPartition tp : assigned) {
            var lag = c.currentLag(tp);
            if (lag.isPresent()) {
                behind += lag.getAsLong();
            } else {
                known = false;
            }
        }
        if (known) {
            lagRecords.set(behind);
            state = behind == 0 ? State.LIVE : State.CATCHING_UP;
        } else if (state != State.LIVE) {
            state = State.CATCHING_UP;
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

    // ---- rebuild -------------------------------------------------------------------------------

    /** Asks the feed thread to rebuild; false if one is already running. */
    public synchronized boolean requestRebuild() {
        if (rebuildRequested) {
            return false;
        }
        rebuildRequested = true;
        rebuildProgress = new Rebuild.Progress("requested", Instant.now(), null, 0, 0, 0, null);
        return true;
    }

    public Rebuild.Progress rebuildProgress() {
        return rebuildProgress;
    }

    private void startRebuild(Consumer<byte[], byte[]> c) {
        try {
            store.createNextTables();
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : List.of(properties.productTopic(), properties.categoryTopic())) {
                c.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            }
            rebuild = new Rebuild(newConsumer(null), partitions);
            rebuildProgress = rebuild.progress("replaying", null, null);
            log.info("rebuild started: replaying {} records of {} into the next tables", rebuildProgress.toReplay(), partitions);
        } catch (RuntimeException e) {
            endRebuild("failed", e.getMessage());
            throw e;
        }
    }

    private void stepRebuild() {
        ConsumerRecords<byte[], byte[]> records = rebuild.poll();
        if (!records.isEmpty()) {
            Batch batch = Batch.parse(records, properties.productTopic(), properties.categoryTopic());
            rebuild.skipped(batch.poison().size()); // dead-lettered when the live feed first met them
            transactions.executeWithoutResult(tx -> store.apply(Tables.NEXT, batch.categories(), batch.products()));
        }
        rebuildProgress = rebuild.progress("replaying", null, null);
        if (rebuild.caughtUp()) {
            // The feed thread is the only writer, so nothing changes the model between these steps;
            // searches keep using the old index until the new one is complete.
            SearchIndex rebuilt = load(Tables.NEXT);
            transactions.executeWithoutResult(tx -> store.swapInNextTables());
            index.replace(rebuilt);
            log.info("rebuild finished: {} products now served from the rebuilt model", rebuilt.size());
            endRebuild("finished", null);
        }
    }

    private void endRebuild(String outcome, String error) {
        Rebuild.Progress last = rebuild != null ? rebuild.progress(outcome, Instant.now(), error)
                : new Rebuild.Progress(outcome, Instant.now(), Instant.now(), 0, 0, 0, error);
        if (rebuild != null) {
            rebuild.close();
            rebuild = null;
        }
        if (error != null) {
            store.dropNextTables();
        }
        rebuildProgress = last;
        rebuildRequested = false;
    }

    // ---- status --------------------------------------------------------------------------------

    private void fail(RuntimeException e) {
        state = State.FAILING;
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        lastError = root == e ? String.valueOf(e.getMessage()) : e.getMessage() + ": " + root.getMessage();
        lastErrorAt = Instant.now();
        if (failingSince == null) {
            failingSince = lastErrorAt;
        }
        meters.counter("search.feed.errors").increment();
        if (rebuild != null) {
            try {
                endRebuild("failed", "the feed failed during the rebuild: " + lastError);
            } catch (RuntimeException dropFailed) {
                log.warn("could not drop the rebuild tables: {}", dropFailed.getMessage());
            }
        }
    }

    /** Seconds the model may be behind: 0 when no record is waiting, else the age of the last applied change. */
    public double lagSeconds() {
        long behind = lagRecords.get();
        if (behind == 0) {
            return 0;
        }
        long last = lastEmittedAtMs;
        return last == 0 ? -1 : Math.max(0, System.currentTimeMillis() - last) / 1000.0;
    }

    public State state() {
        return state;
    }

    public long lagRecords() {
        return lagRecords.get();
    }

    /** Records consumed and committed, tombstones and dead letters included. */
    public long received() {
        return received.get();
    }

    public long applied() {
        return applied.get();
    }

    public long stale() {
        return stale.get();
    }

    public long deadLettered() {
        return deadLettered.get();
    }

    public Instant lastAppliedAt() {
        return lastAppliedAt;
    }

    public String lastError() {
        return lastError;
    }

    public Instant lastErrorAt() {
        return lastErrorAt;
    }

    public Instant failingSince() {
        return failingSince;
    }

    public Timer applyLag() {
        return applyLag;
    }

    private Consumer<byte[], byte[]> newConsumer(String group) {
        Map<String, Object> config = new HashMap<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, properties.kafkaBootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
        if (group != null) {
            config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
            config.put(ConsumerConfig.CLIENT_ID_CONFIG, "search-feed");
            // A crashed instance that comes back with the same id gets its partitions at once; one
            // that does not come back releases them after 10 s (the default 45 s stalls the model).
            config.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, properties.consumerInstanceId());
            config.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
        } else {
            config.put(ConsumerConfig.CLIENT_ID_CONFIG, "search-rebuild");
        }
        return new KafkaConsumer<>(config);
    }

    /** Offsets are committed after every batch, so a rebalance has nothing pending to commit. */
    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            log.info("search feed assigned {}", partitions);
        }
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
