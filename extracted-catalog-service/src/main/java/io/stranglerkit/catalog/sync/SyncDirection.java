package io.stranglerkit.catalog.sync;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.stranglerkit.platform.kafka.ConsumerProgress;
import org.springframework.context.ApplicationListener;
import org.springframework.kafka.event.ListenerContainerIdleEvent;

import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One direction of the product sync ({@code forward}: monolith to catalog, {@code reverse}: catalog to
 * monolith) as {@code /status}, health and Prometheus see it: its consumer's progress, what the
 * convergence rule decided per outcome and the conflicts among them, and how long a change took to
 * be applied. Every meter is tagged with the direction: {@code catalog_sync_changes_total},
 * {@code catalog_sync_conflicts_total}, {@code catalog_sync_lag_records}, {@code catalog_sync_errors_total},
 * {@code catalog_sync_apply_lag_seconds}.
 */
public class SyncDirection implements ApplicationListener<ListenerContainerIdleEvent> {

    private final String name;
    private final MeterRegistry meters;
    private final ConsumerProgress progress;
    private final Timer applyLag;
    private volatile long lastAppliedSinceMs;
    private final Map<ConvergenceRule.Outcome, AtomicLong> counts = new EnumMap<>(ConvergenceRule.Outcome.class);
    private final AtomicLong conflicts = new AtomicLong();

    public SyncDirection(String name, String listenerId, MeterRegistry meters) {
        this.name = name;
        this.meters = meters;
        Tags direction = Tags.of("direction", name);
        this.progress = new ConsumerProgress(listenerId, meters, "catalog.sync.lag.records", "catalog.sync.errors", direction);
        this.applyLag = Timer.builder("catalog.sync.apply.lag")
                .description("from the cdc-bridge taking a change (forward: reading it; reverse: publishing it) to the other side having it")
                .tags(direction)
                .publishPercentiles(0.5, 0.99) // over a sliding window of about two minutes, for /status
                .register(meters);
        for (ConvergenceRule.Outcome outcome : ConvergenceRule.Outcome.values()) {
            counts.put(outcome, new AtomicLong());
        }
    }

    public void count(ConvergenceRule.Outcome outcome) {
        counts.get(outcome).incrementAndGet();
        meters.counter("catalog.sync.changes", "direction", name, "outcome", outcome.label()).increment();
        if (outcome.conflict()) {
            conflict(outcome.label());
        }
    }

    /** A conflict no outcome covers: the receiving side's constraints refused the change (a sku clash). */
    public void conflict(String kind) {
        conflicts.incrementAndGet();
        meters.counter("catalog.sync.conflicts", "direction", name, "kind", kind).increment();
    }

    /** @param sinceMs when the bridge took the change, in epoch milliseconds; 0 if unknown */
    void applied(long sinceMs) {
        if (sinceMs > 0) {
            lastAppliedSinceMs = sinceMs;
            applyLag.record(Math.max(0, System.currentTimeMillis() - sinceMs), TimeUnit.MILLISECONDS);
        }
    }

    /** The container's idle events reach the consumer's progress, which keeps the lag current. */
    @Override
    public void onApplicationEvent(ListenerContainerIdleEvent event) {
        progress.onApplicationEvent(event);
    }

    public ConsumerProgress progress() {
        return progress;
    }

    public long conflicts() {
        return conflicts.get();
    }

    public Map<String, Long> byOutcome() {
        Map<String, Long> out = new TreeMap<>();
        counts.forEach((outcome, n) -> out.put(outcome.label(), n.get()));
        return out;
    }

    /**
     * How stale this side's copy is now: 0 with no backlog, else the age of the newest change applied
     * (what the search feed's lag.seconds says too); -1 with a backlog and nothing applied yet.
     */
    public double lagSeconds() {
        if (progress.lagRecords() <= 0) {
            return 0;
        }
        long since = lastAppliedSinceMs;
        return since == 0 ? -1 : Math.max(0, System.currentTimeMillis() - since) / 1000.0;
    }

    /** The apply lag's percentile over about the last two minutes, in ms; -1 before anything was applied. */
    public double applyLagMs(double percentile) {
        for (var value : applyLag.takeSnapshot().percentileValues()) {
            if (value.percentile() == percentile) {
                return Math.round(value.value(TimeUnit.MILLISECONDS) * 10) / 10.0;
            }
        }
        return -1;
    }
}
