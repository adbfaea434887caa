package io.stranglerkit.cdc.reverse;

import io.micrometer.core.instrument.MeterRegistry;
import io.stranglerkit.cdc.config.BridgeProperties;
import io.stranglerkit.platform.cdc.PoisonEventException;
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

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reverse sync: applies the catalog service's product changes (captured from the {@code catalog}
 * schema like the shop's) to the monolith's product table, so the monolith, unchanged, keeps serving
 * orders with current products and prices. Each change is decided by {@link ReverseRule} and written
 * in its own transaction; the Kafka offsets are committed after the batch, so a crash replays changes,
 * which the rule turns into echoes.
 */
@Component
public class ReverseSync implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ReverseSync.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final BridgeProperties properties;
    private final MeterRegistry meters;
    private final Map<ReverseRule.Outcome, AtomicLong> outcomes = new TreeMap<>();
    private final AtomicLong conflicts = new AtomicLong();
    private final AtomicLong unusable = new AtomicLong();
    private final AtomicLong lagRecords = new AtomicLong(-1);
    private volatile boolean running;
    private volatile Thread thread;
    private volatile Consumer<byte[], byte[]> consumer;
    private volatile String state = "off";
    private volatile String lastError;
    private volatile Instant failingSince;

    public ReverseSync(BridgeProperties properties, MeterRegistry meters) {
        this.properties = properties;
        this.meters = meters;
        for (ReverseRule.Outcome outcome : ReverseRule.Outcome.values()) {
            outcomes.put(outcome, new AtomicLong());
        }
        meters.gauge("cdc.reverse.lag.records", lagRecords);
    }

    /** On when the catalog's product table is among the captured tables. */
    public boolean enabled() {
        BridgeProperties.ReverseSync r = properties.reverseSync();
        return r != null && r.sourceTable() != null && properties.tables().contains(r.sourceTable());
    }

    public String sourceTopic() {
        return properties.topicPrefix() + "." + properties.reverseSync().sourceTable();
    }

    @Override
    public void start() {
        running = true;
        if (!enabled()) {
            log.info("reverse sync off: {} is not among the captured tables", properties.reverseSync() == null ? "its source table"
                    : properties.reverseSync().sourceTable());
            return;
        }
        thread = new Thread(this::run, "reverse-sync");
        thread.start();
    }

    private void run() {
        ShopProducts shop = new ShopProducts(properties.reverseSync().targetTable());
        boolean catalogWinsTies = "catalog".equalsIgnoreCase(properties.reverseSync().tieWinner());
        int failuresInARow = 0;
        while (running) {
            try (Consumer<byte[], byte[]> c = newConsumer(); Connection db = connect()) {
                consumer = c;
                state = "waiting-for-partitions";
                c.subscribe(java.util.List.of(sourceTopic()));
                while (running) {
                    ConsumerRecords<byte[], byte[]> records = c.poll(Duration.ofMillis(100));
                    for (ConsumerRecord<byte[], byte[]> record : records) {
                        apply(db, shop, record, catalogWinsTies);
                    }
                    if (!records.isEmpty()) {
                        c.commitSync(nextOffsets(records));
                    }
                    updateLag(c);
                    failuresInARow = 0;
                    failingSince = null;
                }
            } catch (WakeupException stopping) {
                return;
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    return;
                }
                failuresInARow++;
                state = "failing";
                lastError = e.getMessage();
                if (failingSince == null) {
                    failingSince = Instant.now();
                }
                meters.counter("cdc.reverse.errors").increment();
                long delay = Math.min(MAX_BACKOFF.toMillis(), 500L << Math.min(failuresInARow, 6));
                log.warn("reverse sync failed ({} in a row), retrying from the last committed offsets in {} ms: {}",
                        failuresInARow, delay, lastError);
                try {
                    Thread.sleep(delay);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    private void apply(Connection db, ShopProducts shop, ConsumerRecord<byte[], byte[]> record, boolean catalogWinsTies)
            throws SQLException {
        CatalogChange change;
        try {
            change = CatalogToShopTranslation.translate(record.value());
        } catch (PoisonEventException e) {
            // The catalog's own table wrote it, so this is a bug, not bad input: say so loudly, keep going.
            unusable.incrementAndGet();
            meters.counter("cdc.reverse.unusable").increment();
            log.error("reverse sync cannot use {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), e.getMessage());
            return;
        }
        if (change == null) {
            return;
        }
        if (ReverseRule.isCopyOfShopChange(change)) {
            // Most catalog changes are the forward sync's copies of shop changes: no need to touch the shop.
            count(ReverseRule.Outcome.COPY_OF_SHOP_CHANGE);
            return;
        }
        ShopRow current = shop.lock(db, change.row().id());
        ReverseRule.Outcome outcome = ReverseRule.decide(current, change, catalogWinsTies);
        try {
            switch (outcome) {
                case INSERTED -> shop.insert(db, change.row());
                case APPLIED, CONFLICT_CATALOG_WINS -> shop.update(db, change.row());
                case DELETED -> shop.delete(db, change.row().id());
                default -> {
                    // nothing to write
                }
            }
            db.commit();
        } catch (SQLIntegrityConstraintViolationException e) {
            db.rollback();
            refused(change, outcome, e);
            return;
        }
        count(outcome);
        if (outcome.conflict()) {
            log.warn("conflict on product {}: catalog version {}, shop version {}; outcome {} (tie winner: {})",
                    change.row().id(), change.row().version(), current == null ? "none (deleted)" : current.version(),
                    outcome.label(), catalogWinsTies ? "catalog" : "monolith");
        }
    }

    /**
     * The shop's constraints refused the change: a product its orders still point at, a sku another
     * shop product has, a category deleted meanwhile. The shop keeps its state; counted and logged.
     */
    private void refused(CatalogChange change, ReverseRule.Outcome outcome, SQLIntegrityConstraintViolationException e) {
        conflicts.incrementAndGet();
        meters.counter("cdc.reverse.conflicts", "kind", "refused_by_shop").increment();
        log.error("the shop refused the catalog's change to product {} ({}): {}", change.row().id(), outcome.label(), e.getMessage());
    }

    private void count(ReverseRule.Outcome outcome) {
        outcomes.get(outcome).incrementAndGet();
        meters.counter("cdc.reverse.changes", "outcome", outcome.label()).increment();
        if (outcome.conflict()) {
            conflicts.incrementAndGet();
            meters.counter("cdc.reverse.conflicts", "kind", outcome.label()).increment();
        }
    }

    private void updateLag(Consumer<byte[], byte[]> c) {
        var assigned = c.assignment();
        if (assigned.isEmpty()) {
            state = "waiting-for-partitions";
            return;
        }
        long behind = 0;
        for (TopicPartition tp : assigned) {
            var lag = c.currentLag(tp);
            if (lag.isEmpty()) {
                return;
            }
            behind += lag.getAsLong();
        }
        lagRecords.set(behind);
        state = behind == 0 ? "live" : "catching-up";
    }

    private Connection connect() throws SQLException {
        BridgeProperties.Database d = properties.database();
        String schema = properties.reverseSync().targetTable().split("\\.")[0];
        Connection c = DriverManager.getConnection("jdbc:mysql://" + d.host() + ":" + d.port() + "/" + schema
                + "?sslMode=DISABLED&allowPublicKeyRetrieval=true", d.user(), d.password());
        c.setAutoCommit(false);
        c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        return c;
    }

    private Consumer<byte[], byte[]> newConsumer() {
        Map<String, Object> config = new HashMap<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, properties.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, properties.reverseSync().consumerGroup(),
                ConsumerConfig.CLIENT_ID_CONFIG, "cdc-reverse-sync",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
        // A restarted bridge takes its partitions back at once instead of waiting for the old session.
        config.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, properties.reverseSync().consumerGroup() + "-1");
        config.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
        return new KafkaConsumer<>(config);
    }

    private static Map<TopicPartition, OffsetAndMetadata> nextOffsets(ConsumerRecords<byte[], byte[]> records) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition tp : records.partitions()) {
            var list = records.records(tp);
            offsets.put(tp, new OffsetAndMetadata(list.get(list.size() - 1).offset() + 1));
        }
        return offsets;
    }

    /** For /status: state, lag, what the rule decided per outcome, conflicts. */
    public Map<String, Object> summary() {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        out.put("enabled", enabled());
        if (!enabled()) {
            return out;
        }
        out.put("from", sourceTopic());
        out.put("to", properties.reverseSync().targetTable());
        out.put("state", state);
        out.put("lagRecords", lagRecords.get());
        Map<String, Long> counts = new TreeMap<>();
        outcomes.forEach((o, n) -> counts.put(o.label(), n.get()));
        out.put("outcomes", counts);
        out.put("conflicts", conflicts.get());
        out.put("unusable", unusable.get());
        out.put("lastError", lastError);
        return out;
    }

    public Instant failingSince() {
        return failingSince;
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
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
