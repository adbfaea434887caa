package io.stranglerkit.search.feed;

import io.stranglerkit.search.index.IndexFiles;
import io.stranglerkit.search.index.LiveIndex;
import io.stranglerkit.search.index.SearchIndex;
import io.stranglerkit.search.model.ModelStore;
import io.stranglerkit.search.model.ModelStore.Tables;
import io.stranglerkit.search.model.ProductDoc;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Opens the index at start, or builds it from the read model's tables when it is missing, unreadable
 * or another model's (searches answer 503 with the progress meanwhile, and the feed waits); then
 * refreshes it every 100 ms (changes become searchable) and commits it every second with the offsets
 * it reflects. At stop it commits once more, so a restart reads nothing again.
 */
@Component
public class IndexKeeper {

    private static final Logger log = LoggerFactory.getLogger(IndexKeeper.class);
    private static final int CHUNK = 5_000;

    private final ModelStore store;
    private final LiveIndex live;
    private final IndexFiles files;
    private final AppliedOffsets offsets;
    private final ScheduledExecutorService upkeep = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "search-index"));
    private volatile String openedHow;
    private volatile long readyInMs = -1;

    public IndexKeeper(ModelStore store, LiveIndex live, IndexFiles files, AppliedOffsets offsets) {
        this.store = store;
        this.live = live;
        this.files = files;
        this.offsets = offsets;
    }

    /** Opens or builds the index; {@code startFeed} runs once searches can be answered from it. */
    void start(Runnable startFeed) {
        long started = System.nanoTime();
        String model = store.modelId();
        try {
            SearchIndex index = files.openCurrent(model);
            index.loadCategories(store.categories(Tables.LIVE));
            offsets.resumeFrom(index.committedOffsets());
            live.replace(index);
            ready(started, "opened " + index.path() + ": " + index.size() + " products, resuming at " + index.committedOffsets());
            startFeed.run();
        } catch (IOException | RuntimeException e) {
            log.warn("search index not usable ({}): building it from the search schema; searches answer 503 until it is done",
                    e.getMessage());
            Thread build = new Thread(() -> buildFromTables(model, started, startFeed), "search-index-build");
            build.setDaemon(true);
            build.start();
        }
        upkeep.scheduleWithFixedDelay(this::refresh, 100, 100, TimeUnit.MILLISECONDS);
        upkeep.scheduleWithFixedDelay(this::commit, 1, 1, TimeUnit.SECONDS);
    }

    private void buildFromTables(String model, long started, Runnable startFeed) {
        SearchIndex index = null;
        try {
            index = files.createNext(model);
            long total = store.productCount(Tables.LIVE);
            Instant since = Instant.now();
            live.building(new LiveIndex.Building(since, 0, total));
            index.loadCategories(store.categories(Tables.LIVE));
            fill(index, since, total);
            index.refresh();
            index.commit(Map.of()); // no offsets: the feed follows its consumer group, which the tables are at or past
            files.makeCurrent(index);
            offsets.resumeFrom(Map.of());
            live.replace(index);
            ready(started, "built " + index.path() + " from the search schema: " + index.size() + " products");
            startFeed.run();
        } catch (IOException | RuntimeException e) {
            log.error("building the search index failed, trying again in 5 s: {}", e.toString());
            discard(index); // its writer holds the directory's lock
            upkeep.schedule(() -> buildFromTables(model, System.nanoTime(), startFeed), 5, TimeUnit.SECONDS);
        }
    }

    private void fill(SearchIndex index, Instant since, long total) {
        List<ProductDoc> chunk = new ArrayList<>(CHUNK);
        long[] done = {0};
        store.forEachProduct(Tables.LIVE, doc -> {
            chunk.add(doc);
            if (chunk.size() == CHUNK) {
                index.apply(List.of(), List.of(), chunk, List.of());
                done[0] += chunk.size();
                chunk.clear();
                live.building(new LiveIndex.Building(since, done[0], total));
            }
        });
        index.apply(List.of(), List.of(), chunk, List.of());
    }

    /** Closes an index that will not be used and removes its directory (a failed build or rebuild). */
    static void discard(SearchIndex index) {
        if (index != null) {
            try {
                index.closeAndDelete();
            } catch (IOException | RuntimeException e) {
                log.warn("could not remove the unused index {}: {}", index.path(), e.toString());
            }
        }
    }

    private void ready(long started, String how) {
        readyInMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        openedHow = how;
        log.info("search index ready in {} ms: {}", readyInMs, how);
    }

    private void refresh() {
        live.ready().ifPresent(index -> {
            try {
                index.refresh();
            } catch (IOException | RuntimeException e) {
                log.warn("search index refresh failed: {}", e.toString());
            }
        });
    }

    private void commit() {
        live.ready().ifPresent(index -> {
            try {
                // Taken before the commit: the index holds at least what these offsets say.
                Map<String, Long> applied = offsets.snapshot();
                if (index.hasUncommittedChanges() || !applied.equals(index.committedOffsets())) {
                    index.commit(applied);
                }
            } catch (IOException | RuntimeException e) {
                log.warn("search index commit failed: {}", e.toString());
            }
        });
    }

    void stop() {
        upkeep.shutdownNow();
        live.ready().ifPresent(index -> {
            try {
                index.commit(offsets.snapshot());
                index.close();
            } catch (IOException | RuntimeException e) {
                log.warn("closing the search index: {}", e.toString());
            }
        });
    }

    public String openedHow() {
        return openedHow;
    }

    public long readyInMs() {
        return readyInMs;
    }
}
