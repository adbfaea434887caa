package io.stranglerkit.catalog.sync;

import io.micrometer.core.instrument.MeterRegistry;

import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the convergence rule decided in one direction, per outcome, with the conflicts among them, as
 * {@code /status} shows it and as {@code catalog_sync_changes_total{direction,outcome}} and
 * {@code catalog_sync_conflicts_total{direction,kind}} count it.
 */
public class SyncOutcomes {

    private final String direction;
    private final MeterRegistry meters;
    private final Map<ConvergenceRule.Outcome, AtomicLong> counts = new EnumMap<>(ConvergenceRule.Outcome.class);
    private final AtomicLong conflicts = new AtomicLong();

    public SyncOutcomes(String direction, MeterRegistry meters) {
        this.direction = direction;
        this.meters = meters;
        for (ConvergenceRule.Outcome outcome : ConvergenceRule.Outcome.values()) {
            counts.put(outcome, new AtomicLong());
        }
    }

    public void count(ConvergenceRule.Outcome outcome) {
        counts.get(outcome).incrementAndGet();
        meters.counter("catalog.sync.changes", "direction", direction, "outcome", outcome.label()).increment();
        if (outcome.conflict()) {
            conflict(outcome.label());
        }
    }

    /** A conflict no outcome covers: the receiving side's constraints refused the change (a sku clash). */
    public void conflict(String kind) {
        conflicts.incrementAndGet();
        meters.counter("catalog.sync.conflicts", "direction", direction, "kind", kind).increment();
    }

    public long conflicts() {
        return conflicts.get();
    }

    public Map<String, Long> byOutcome() {
        Map<String, Long> out = new TreeMap<>();
        counts.forEach((outcome, n) -> out.put(outcome.label(), n.get()));
        return out;
    }
}
