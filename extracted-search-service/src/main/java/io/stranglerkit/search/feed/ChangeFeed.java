package io.stranglerkit.search.feed;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.stranglerkit.platform.kafka.ConsumerProgress;
import io.stranglerkit.platform.tracing.ChangeTracing;
import io.stranglerkit.search.config.SearchProperties;
import io.stranglerkit.search.index.LiveIndex;
import io.stranglerkit.search.index.SearchIndex;
import io.stranglerkit.search.model.ModelStore;
import io.stranglerkit.search.model.ModelStore.Tables;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.ConsumerSeekAware;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps the read model in step with the change topics. spring-kafka hands each poll's records to
 * {@link #onChanges}, which writes the batch in one database transaction and then to the search
 * index; the container commits the offsets only after it returns, so a crash replays at most the
 * last batch, which the "newer position wins" rule absorbs. The index commits on its own schedule
 * with the offsets it reflects, and the feed starts reading from those ({@link AppliedOffsets}).
 * Failures follow the kit's one policy ({@code ChangeErrorHandler}): retried with back-off, poison
 * events dead-lettered; an {@link Error} stops the consumer, and {@link FeedRecovery} starts it again.
 */
@Component
public class ChangeFeed implements SmartLifecycle, ConsumerSeekAware {

    public static final String LISTENER_ID = "search-feed";

    private final SearchProperties properties;
    private final ModelStore store;
    private final LiveIndex index;
    private final TransactionTemplate transactions;
    private final ConsumerProgress progress;
    private final Rebuilds rebuilds;
    private final MeterRegistry meters;
    private final ChangeTracing tracing;
    private final IndexKeeper keeper;
    private final AppliedOffsets offsets;
    private final FeedRecovery recovery;
    private final KafkaListenerEndpointRegistry containers;
    private final FeedFaults faults;
    private final Timer applyLag;
    private final AtomicLong applied = new AtomicLong();
    private final AtomicLong stale = new AtomicLong();
    private volatile long lastEmittedAtMs;
    private volatile boolean running;

    @SuppressWarnings("checkstyle:ParameterNumber") // the feed's collaborators, each one job
    public ChangeFeed(SearchProperties properties, ModelStore store, LiveIndex index, TransactionTemplate transactions,
                      ConsumerProgress progress, Rebuilds rebuilds, MeterRegistry meters, ChangeTracing tracing, IndexKeeper keeper,
                      AppliedOffsets offsets, FeedRecovery recovery, KafkaListenerEndpointRegistry containers, FeedFaults faults) {
        this.tracing = tracing;
        this.keeper = keeper;
        this.offsets = offsets;
        this.recovery = recovery;
        this.containers = containers;
        this.faults = faults;
        this.properties = properties;
        this.store = store;
        this.index = index;
        this.transactions = transactions;
        this.progress = progress;
        this.rebuilds = rebuilds;
        this.meters = meters;
        this.applyLag = Timer.builder("search.feed.apply.lag")
                .description("from the cdc-bridge reading a change to this service having applied it")
                .publishPercentiles(0.5, 0.99) // over a sliding window of about two minutes, for /status
                .register(meters);
        meters.gauge("search.model.documents", index, i -> i.ready().map(SearchIndex::size).orElse(0));
        meters.gauge("search.model.lag.seconds", this, ChangeFeed::lagSeconds);
        progress.whenLive(recovery::running); // caught up with nothing to read: the feed runs
    }

    /** Before the web server starts; the feed's container starts once the index can answer (it is not auto-started). */
    @Override
    public int getPhase() {
        return 0;
    }

    @Override
    public void start() {
        keeper.start(() -> containers.getListenerContainer(LISTENER_ID).start());
        running = true;
    }

    @Override
    public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
        offsets.seekOnAssignment(assignments, callback);
    }

    @KafkaListener(id = LISTENER_ID, idIsGroup = false, autoStartup = "false",
            topics = {"${search.product-topic}", "${search.category-topic}"})
    public void onChanges(List<ConsumerRecord<byte[], byte[]>> records, Consumer<?, ?> consumer) {
        Batch batch = Batch.upToFirstPoison(records, properties.productTopic(), properties.categoryTopic());
        ModelStore.Applied result;
        try {
            faults.throwIfArmed();
            result = tracing.apply("search feed", records.subList(0, batch.parsed()), () -> rebuilds.whileNoSwap(() -> apply(batch)));
        } catch (RuntimeException | Error e) {
            progress.failed(e); // an Error stops the container: FeedRecovery starts it again
            throw e;
        }
        offsets.applied(records.subList(0, batch.parsed()));
        recovery.running();
        afterApply(batch, result);
        progress.applied(consumer, batch.parsed());
        if (batch.poison() != null) {
            throw new BatchListenerFailedException(batch.poison().getMessage(), batch.poison(), batch.parsed());
        }
    }

    /** One transaction for the live tables (and the next ones while a rebuild runs), then their indexes. */
    private ModelStore.Applied apply(Batch batch) {
        boolean rebuilding = rebuilds.running();
        ModelStore.Applied[] results = transactions.execute(tx -> new ModelStore.Applied[]{
            store.apply(Tables.LIVE, batch.categories(), batch.products()),
            rebuilding ? store.apply(Tables.NEXT, batch.categories(), batch.products()) : null});
        index.get().apply(store.withCurrentRowsOfStale(Tables.LIVE, results[0]));
        if (rebuilding) {
            rebuilds.nextIndex().apply(store.withCurrentRowsOfStale(Tables.NEXT, results[1]));
        }
        return results[0];
    }

    private void afterApply(Batch batch, ModelStore.Applied result) {
        int changed = result.categories().size() + result.deletedCategories().size() + result.products().size()
                + result.deletedProducts().size();
        applied.addAndGet(changed);
        stale.addAndGet(result.stale());
        count(properties.productTopic(), result.products().size() + result.deletedProducts().size());
        count(properties.categoryTopic(), result.categories().size() + result.deletedCategories().size());
        meters.counter("search.feed.stale").increment(result.stale());
        long now = System.currentTimeMillis();
        batch.products().forEach(change -> recordLag(now, change.emittedAtMs()));
        batch.categories().forEach(change -> recordLag(now, change.emittedAtMs()));
        if (batch.changes() > 0) {
            lastEmittedAtMs = Math.max(lastEmittedAtMs, batch.newestEmittedAtMs());
        }
    }

    private void recordLag(long now, long emittedAtMs) {
        if (emittedAtMs > 0) {
            applyLag.record(Math.max(0, now - emittedAtMs), TimeUnit.MILLISECONDS);
        }
    }

    private void count(String topic, long n) {
        if (n > 0) {
            Counter.builder("search.feed.events").tag("topic", topic).tag("outcome", "applied").register(meters).increment(n);
        }
    }

    /** Seconds the model may be behind: 0 when no record is waiting, else the age of the last applied change. */
    public double lagSeconds() {
        if (progress.lagRecords() == 0) {
            return 0;
        }
        long last = lastEmittedAtMs;
        return last == 0 ? -1 : Math.max(0, System.currentTimeMillis() - last) / 1000.0;
    }

    public ConsumerProgress progress() {
        return progress;
    }

    public long applied() {
        return applied.get();
    }

    public long stale() {
        return stale.get();
    }

    public Instant lastAppliedAt() {
        return progress.lastAppliedAt();
    }

    public Timer applyLag() {
        return applyLag;
    }

    @Override
    public void stop() {
        rebuilds.stop();
        keeper.stop();
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
