package io.stranglerkit.search.status;

import io.stranglerkit.search.config.SearchProperties;
import io.stranglerkit.search.feed.ChangeFeed;
import io.stranglerkit.search.feed.FeedRecovery;
import io.stranglerkit.search.index.SearchIndex;
import io.stranglerkit.search.feed.Rebuilds;
import io.stranglerkit.search.index.LiveIndex;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** {@code GET /status}: the read model at a glance, for people, {@code kit status} and the dashboard. */
@RestController
public class StatusController {

    private final ChangeFeed feed;
    private final Rebuilds rebuilds;
    private final LiveIndex index;
    private final SearchProperties properties;
    private final IndexStatus indexStatus;
    private final FeedRecovery recovery;

    public StatusController(ChangeFeed feed, Rebuilds rebuilds, LiveIndex index, SearchProperties properties, IndexStatus indexStatus,
                            FeedRecovery recovery) {
        this.indexStatus = indexStatus;
        this.recovery = recovery;
        this.feed = feed;
        this.rebuilds = rebuilds;
        this.index = index;
        this.properties = properties;
    }

    @GetMapping("/status")
    public Map<String, Object> status() {
        Map<String, Object> out = new LinkedHashMap<>();
        String stoppedBy = recovery.stoppedBy();
        boolean rebuilding = index.ready().isEmpty();
        out.put("state", stoppedBy != null ? "stopped" : rebuilding ? "rebuilding" : feed.progress().state().label());
        if (stoppedBy != null) {
            out.put("stoppedBy", stoppedBy);
            out.put("restartAt", recovery.restartAt());
        }
        out.put("products", index.ready().map(SearchIndex::size).orElse(0));
        out.put("categories", index.ready().map(SearchIndex::categoryCount).orElse(0));
        out.put("index", indexStatus.describe());
        Map<String, Object> lag = new LinkedHashMap<>();
        lag.put("records", feed.progress().lagRecords());
        lag.put("seconds", feed.lagSeconds());
        var snapshot = feed.applyLag().takeSnapshot();
        lag.put("applyP50Ms", percentile(snapshot, 0.5));
        lag.put("applyP99Ms", percentile(snapshot, 0.99));
        out.put("lag", lag);
        out.put("received", feed.progress().received());
        out.put("applied", feed.applied());
        out.put("staleSkipped", feed.stale());
        out.put("deadLettered", feed.progress().deadLetteredCount());
        out.put("lastAppliedAt", feed.lastAppliedAt());
        out.put("lastError", feed.progress().lastError());
        out.put("lastErrorAt", feed.progress().lastErrorAt());
        out.put("rebuild", rebuilds.progress());
        out.put("topics", Map.of("products", properties.productTopic(), "categories", properties.categoryTopic(),
                "deadLetter", properties.deadLetterTopic()));
        out.put("consumerGroup", properties.consumerGroup());
        return out;
    }

    /** The timer's sliding-window percentile (about the last two minutes; 0 when nothing was applied in it). */
    private static Double percentile(io.micrometer.core.instrument.distribution.HistogramSnapshot snapshot, double p) {
        for (var value : snapshot.percentileValues()) {
            if (value.percentile() == p) {
                double ms = value.value(TimeUnit.MILLISECONDS);
                return Double.isNaN(ms) ? null : Math.round(ms * 10) / 10.0;
            }
        }
        return null;
    }
}
