package io.stranglerkit.catalog.status;

import io.stranglerkit.catalog.config.CatalogProperties;
import io.stranglerkit.catalog.sync.ForwardSync;
import io.stranglerkit.catalog.sync.ReverseSync;
import io.stranglerkit.catalog.sync.SyncOutcomes;
import io.stranglerkit.catalog.sync.SyncStore;
import io.stranglerkit.platform.kafka.ConsumerProgress;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code GET /status}: what the kit and an operator need at a glance: both directions of the sync
 * (state, lag, what the convergence rule decided per outcome, conflicts), whether writes are open.
 */
@RestController
public class StatusController {

    private final ForwardSync forward;
    private final ReverseSync reverse;
    private final SyncStore store;
    private final CatalogProperties properties;

    public StatusController(ForwardSync forward, ReverseSync reverse, SyncStore store, CatalogProperties properties) {
        this.forward = forward;
        this.reverse = reverse;
        this.store = store;
        this.properties = properties;
    }

    @GetMapping("/status")
    public Map<String, Object> status() {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("products", store.liveProducts());
        String notReady = forward.whyNotReadyForWrites();
        status.put("writesOpen", notReady == null);
        if (notReady != null) {
            status.put("writesClosedBecause", notReady);
        }
        status.put("tieWinner", properties.tieWinner().column());
        Map<String, Object> forwardSync = direction(forward.enabled(), forward.progress(), forward.outcomes());
        forwardSync.put("applyP50Ms", percentile(forward.applyLag(), 0.5));
        forwardSync.put("applyP99Ms", percentile(forward.applyLag(), 0.99));
        status.put("forwardSync", forwardSync);
        Map<String, Object> reverseSync = direction(reverse.enabled(), reverse.progress(), reverse.outcomes());
        reverseSync.put("from", properties.reverseSync().topic());
        reverseSync.put("to", "the monolith's product table");
        reverseSync.put("applyP50Ms", percentile(reverse.applyLag(), 0.5));
        reverseSync.put("applyP99Ms", percentile(reverse.applyLag(), 0.99));
        status.put("reverseSync", reverseSync);
        return status;
    }

    private static Map<String, Object> direction(boolean enabled, ConsumerProgress progress, SyncOutcomes outcomes) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("enabled", enabled);
        out.put("state", progress.state().label());
        out.put("lagRecords", progress.lagRecords());
        out.put("received", progress.received());
        out.put("outcomes", outcomes.byOutcome());
        out.put("conflicts", outcomes.conflicts());
        out.put("deadLettered", progress.deadLetteredCount());
        out.put("lastAppliedAt", progress.lastAppliedAt() == null ? null : progress.lastAppliedAt().toString());
        out.put("lastError", progress.lastError());
        return out;
    }

    private static double percentile(io.micrometer.core.instrument.Timer timer, double p) {
        for (var value : timer.takeSnapshot().percentileValues()) {
            if (value.percentile() == p) {
                return Math.round(value.value(TimeUnit.MILLISECONDS) * 10) / 10.0;
            }
        }
        return -1;
    }
}
