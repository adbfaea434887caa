package io.stranglerkit.search.feed;

import io.stranglerkit.search.config.SearchProperties;
import io.stranglerkit.search.index.IndexFiles;
import io.stranglerkit.search.index.LiveIndex;
import io.stranglerkit.search.index.SearchIndex;
import io.stranglerkit.search.model.ModelStore;
import io.stranglerkit.search.model.ModelStore.Tables;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Rebuilds the read model from the change topics into the NEXT tables and a new index generation on
 * its own thread while searches keep using the current model, then swaps both. The live feed writes
 * both sets meanwhile, so changes that arrive during the replay are not missed; a lock keeps the swap
 * from falling between a live batch's database write and its index update.
 */
@Component
public class Rebuilds {

    private static final Logger log = LoggerFactory.getLogger(Rebuilds.class);

    private final SearchProperties properties;
    private final KafkaProperties kafka;
    private final ModelStore store;
    private final LiveIndex index;
    private final TransactionTemplate transactions;
    private final IndexFiles files;
    private final AppliedOffsets offsets;
    private final ReentrantLock swap = new ReentrantLock();
    private volatile Thread thread;
    private volatile boolean replaying;
    private volatile boolean stopping;
    private volatile Rebuild.Progress progress;
    private volatile SearchIndex next;

    public Rebuilds(SearchProperties properties, KafkaProperties kafka, ModelStore store, LiveIndex index,
                    TransactionTemplate transactions, IndexFiles files, AppliedOffsets offsets) {
        this.files = files;
        this.offsets = offsets;
        this.properties = properties;
        this.kafka = kafka;
        this.store = store;
        this.index = index;
        this.transactions = transactions;
    }

    /** Starts a rebuild; false if one is already running, or the index is still being built at start. */
    public synchronized boolean request() {
        if (thread != null && thread.isAlive() || index.ready().isEmpty()) {
            return false;
        }
        progress = new Rebuild.Progress("requested", Instant.now(), null, 0, 0, 0, null);
        thread = new Thread(this::run, "search-rebuild");
        thread.start();
        return true;
    }

    public Rebuild.Progress progress() {
        return progress;
    }

    /** True while the NEXT tables and index exist and take the live feed's changes too. */
    boolean running() {
        return replaying;
    }

    SearchIndex nextIndex() {
        return next;
    }

    <T> T whileNoSwap(Supplier<T> work) {
        swap.lock();
        try {
            return work.get();
        } finally {
            swap.unlock();
        }
    }

    private void run() {
        Rebuild rebuild = null;
        try {
            rebuild = whileNoSwap(this::begin);
            while (!stopping && !rebuild.caughtUp()) {
                ConsumerRecords<byte[], byte[]> records = rebuild.poll();
                Batch batch = Batch.skippingPoison(records, properties.productTopic(), properties.categoryTopic());
                rebuild.skipped(batch.skipped());
                ModelStore.Applied applied = transactions.execute(tx -> store.apply(Tables.NEXT, batch.categories(), batch.products()));
                next.apply(store.withCurrentRowsOfStale(Tables.NEXT, applied));
                progress = rebuild.progress("replaying", null, null);
            }
            if (stopping) {
                throw new IllegalStateException("the service stopped during the rebuild");
            }
            whileNoSwap(this::swapIn);
            progress = rebuild.progress("finished", Instant.now(), null);
        } catch (RuntimeException e) {
            log.warn("rebuild failed: {}", e.getMessage());
            Rebuild failed = rebuild;
            progress = failed != null ? failed.progress("failed", Instant.now(), e.getMessage())
                    : new Rebuild.Progress("failed", progress.startedAt(), Instant.now(), 0, 0, 0, e.getMessage());
            whileNoSwap(() -> {
                replaying = false;
                store.dropNextTables();
                deleteNext();
                return null;
            });
        } finally {
            if (rebuild != null) {
                rebuild.close();
            }
        }
    }

    private void deleteNext() {
        SearchIndex failed = next;
        next = null;
        IndexKeeper.discard(failed);
    }

    private Rebuild begin() {
        store.createNextTables();
        next = files.createNext(store.modelId());
        Map<String, Object> config = kafka.buildConsumerProperties();
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "search-rebuild");
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config);
        try {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : List.of(properties.productTopic(), properties.categoryTopic())) {
                consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            }
            Rebuild rebuild = new Rebuild(consumer, partitions);
            replaying = true;
            progress = rebuild.progress("replaying", null, null);
            log.info("rebuild started: replaying {} records of {} into the next tables", progress.toReplay(), partitions);
            return rebuild;
        } catch (RuntimeException e) {
            consumer.close();
            throw e;
        }
    }

    /** Under the lock: the live feed waits, so nothing changes the model between these steps. */
    private Void swapIn() {
        SearchIndex rebuilt = next;
        try {
            rebuilt.refresh();
            rebuilt.commit(offsets.snapshot());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        transactions.executeWithoutResult(tx -> store.swapInNextTables());
        replaying = false;
        next = null;
        SearchIndex previous = index.replace(rebuilt);
        files.makeCurrent(rebuilt);
        if (previous != null) {
            try {
                previous.close();
            } catch (IOException e) {
                log.warn("closing the replaced index: {}", e.toString());
            }
        }
        log.info("rebuild finished: {} products now served from the rebuilt model ({})", rebuilt.size(), rebuilt.path());
        return null;
    }

    void stop() {
        stopping = true;
        Thread t = thread;
        if (t != null) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
