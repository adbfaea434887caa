package io.stranglerkit.catalog.status;

import io.stranglerkit.catalog.config.CatalogProperties;
import io.stranglerkit.catalog.sync.ForwardSync;
import io.stranglerkit.catalog.sync.SyncStore;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code GET /status}: what the kit and an operator need at a glance: forward sync state and lag,
 * what the convergence rule decided so far (per outcome), conflicts, whether writes are open.
 */
@RestController
public class StatusController {

    private final ForwardSync sync;
    private final SyncStore store;
    private final CatalogProperties properties;

    public StatusController(ForwardSync sync, SyncStore store, CatalogProperties properties) {
        this.sync = sync;
        this.store = store;
        this.properties = properties;
    }

    @GetMapping("/status")
    public Map<String, Object> status() {
        Map<String, Object> forward = new LinkedHashMap<>();
        forward.put("enabled", sync.enabled());
        forward.put("state", sync.state().name().toLowerCase().replace('_', '-'));
        forward.put("lagRecords", sync.lagRecords());
        forward.put("applyP50Ms", percentile(0.5));
        forward.put("applyP99Ms", percentile(0.99));
        forward.put("received", sync.received());
        forward.put("outcomes", sync.outcomes());
        forward.put("conflicts", sync.conflicts());
        forward.put("deadLettered", sync.deadLettered());
        forward.put("lastAppliedAt", sync.lastAppliedAt() == null ? null : sync.lastAppliedAt().toString());
        forward.put("lastError", sync.lastError());
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("products", store.liveProducts());
        String notReady = sync.whyNotReadyForWrites();
        status.put("writesOpen", notReady == null);
        if (notReady != null) {
            status.put("writesClosedBecause", notReady);
        }
        status.put("tieWinner", properties.tieWinner().column());
        status.put("forwardSync", forward);
        return status;
    }

    private double percentile(double p) {
        for (var value : sync.applyLag().takeSnapshot().percentileValues()) {
            if (value.percentile() == p) {
                return Math.round(value.value(TimeUnit.MILLISECONDS) * 10) / 10.0;
            }
        }
        return -1;
    }
}
