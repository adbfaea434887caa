package io.stranglerkit.cdc.status;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the bridge has published, per table, and how late: Prometheus meters plus the figures
 * {@code GET /status} shows.
 *
 * <ul>
 *   <li>{@code cdc_events_published_total{table,op}}: rate() of it is events/s per table;</li>
 *   <li>{@code cdc_commit_to_publish_seconds}: source commit time (binlog event time) to Kafka ack, for
 *       streamed changes. The binlog stamps events in whole seconds, so single values are coarse;</li>
 *   <li>{@code cdc_read_to_publish_seconds}: the bridge's own part, event handed over to Kafka ack;</li>
 *   <li>{@code cdc_last_event_timestamp_seconds{table}}, {@code cdc_publish_errors_total}, {@code cdc_engine_restarts_total}.</li>
 * </ul>
 */
@Component
public class CaptureMetrics {

    private final MeterRegistry registry;
    private final Timer commitToPublish;
    private final Timer readToPublish;
    private final Counter publishErrors;
    private final Counter restarts;
    private final Map<String, TableFigures> tables = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Counter>> publishedCounters = new ConcurrentHashMap<>();
    private final AtomicReference<Map<String, ?>> lastPosition = new AtomicReference<>(Map.of());
    private final AtomicLong total = new AtomicLong();

    public CaptureMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.commitToPublish = Timer.builder("cdc.commit.to.publish")
                .description("binlog commit time of a streamed change to its Kafka acknowledgement")
                .publishPercentiles(0.5, 0.99).publishPercentileHistogram()
                .distributionStatisticExpiry(Duration.ofMinutes(1))
                .register(registry);
        this.readToPublish = Timer.builder("cdc.read.to.publish")
                .description("change read by the connector to its Kafka acknowledgement")
                .publishPercentiles(0.5, 0.99).publishPercentileHistogram()
                .distributionStatisticExpiry(Duration.ofMinutes(1))
                .register(registry);
        this.publishErrors = Counter.builder("cdc.publish.errors").description("changes Kafka did not accept (the batch is retried)").register(registry);
        this.restarts = Counter.builder("cdc.engine.restarts").description("times the capture engine was started again after a failure").register(registry);
    }

    /** Called from the producer's I/O thread when Kafka acknowledged a change. */
    public void published(String table, String op, long committedAtMillis, long readAtMillis, long ackedAtMillis) {
        publishedCounters.computeIfAbsent(table, t -> new ConcurrentHashMap<>())
                .computeIfAbsent(op, o -> Counter.builder("cdc.events.published").description("change events acknowledged by Kafka")
                        .tag("table", table).tag("op", op).register(registry))
                .increment();
        TableFigures figures = tables.computeIfAbsent(table, this::newTable);
        figures.published.incrementAndGet();
        figures.lastEventAt.set(ackedAtMillis);
        figures.lastOp.set(op);
        total.incrementAndGet();
        readToPublish.record(Math.max(0, ackedAtMillis - readAtMillis), TimeUnit.MILLISECONDS);
        // Snapshot reads ("r") carry the snapshot's time, not a commit time.
        if (committedAtMillis > 0 && !"r".equals(op) && !"tombstone".equals(op)) {
            commitToPublish.record(Math.max(0, ackedAtMillis - committedAtMillis), TimeUnit.MILLISECONDS);
        }
    }

    public void publishFailed() {
        publishErrors.increment();
    }

    public void engineRestarted() {
        restarts.increment();
    }

    public void positionReached(Map<String, ?> sourceOffset) {
        if (sourceOffset != null && !sourceOffset.isEmpty()) {
            lastPosition.set(sourceOffset);
        }
    }

    public long totalPublished() {
        return total.get();
    }

    public long publishErrors() {
        return (long) publishErrors.count();
    }

    public long restarts() {
        return (long) restarts.count();
    }

    public Map<String, ?> lastPosition() {
        return lastPosition.get();
    }

    public Map<String, Object> tableSummary() {
        Map<String, Object> out = new TreeMap<>();
        tables.forEach((table, f) -> {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("published", f.published.get());
            long last = f.lastEventAt.get();
            one.put("lastEventAt", last == 0 ? null : Instant.ofEpochMilli(last).toString());
            one.put("lastOp", f.lastOp.get());
            out.put(table, one);
        });
        return out;
    }

    public Map<String, Object> lagSummary() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("commitToPublishMs", percentiles(commitToPublish));
        out.put("readToPublishMs", percentiles(readToPublish));
        out.put("window", "last minute");
        return out;
    }

    private static Map<String, Object> percentiles(Timer timer) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (ValueAtPercentile v : timer.takeSnapshot().percentileValues()) {
            out.put("p" + Math.round(v.percentile() * 100), Math.round(v.value(TimeUnit.MILLISECONDS) * 10) / 10.0);
        }
        return out;
    }

    private TableFigures newTable(String table) {
        TableFigures figures = new TableFigures();
        Gauge.builder("cdc.last.event.timestamp", figures.lastEventAt, v -> v.get() / 1000.0)
                .description("when the table's latest change was acknowledged by Kafka (epoch seconds)")
                .tag("table", table).baseUnit("seconds").register(registry);
        return figures;
    }

    private static final class TableFigures {
        final AtomicLong published = new AtomicLong();
        final AtomicLong lastEventAt = new AtomicLong();
        final AtomicReference<String> lastOp = new AtomicReference<>();
    }
}
