package io.stranglerkit.catalog.status;

import io.stranglerkit.catalog.config.CatalogProperties;
import io.stranglerkit.catalog.sync.ForwardSync;
import io.stranglerkit.catalog.sync.ReverseSync;
import io.stranglerkit.catalog.sync.SyncDirection;
import io.stranglerkit.catalog.sync.SyncStore;
import io.stranglerkit.platform.kafka.ConsumerProgress;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.LinkedHashMap;
import java.util.Map;

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
        status.put("forwardSync", direction(forward.enabled(), forward.direction()));
        Map<String, Object> reverseSync = direction(reverse.enabled(), reverse.direction());
        reverseSync.put("from", properties.reverseSync().topic());
        reverseSync.put("to", "the monolith's product table");
        status.put("reverseSync", reverseSync);
        return status;
    }

    private static Map<String, Object> direction(boolean enabled, SyncDirection direction) {
        ConsumerProgress progress = direction.progress();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("enabled", enabled);
        out.put("state", progress.state().label());
        out.put("lagRecords", progress.lagRecords());
        out.put("lagSeconds", direction.lagSeconds());
        out.put("received", progress.received());
        out.put("outcomes", direction.byOutcome());
        out.put("conflicts", direction.conflicts());
        out.put("deadLettered", progress.deadLetteredCount());
        out.put("lastAppliedAt", progress.lastAppliedAt() == null ? null : progress.lastAppliedAt().toString());
        out.put("lastError", progress.lastError());
        out.put("applyP50Ms", direction.applyLagMs(0.5));
        out.put("applyP99Ms", direction.applyLagMs(0.99));
        return out;
    }
}
