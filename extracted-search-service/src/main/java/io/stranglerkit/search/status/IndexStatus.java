package io.stranglerkit.search.status;

import io.stranglerkit.search.feed.AppliedOffsets;
import io.stranglerkit.search.feed.IndexKeeper;
import io.stranglerkit.search.index.IndexFiles;
import io.stranglerkit.search.index.LiveIndex;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.Map;

/** The search index at a glance, for /status and health: ready or rebuilding, its size, where the feed resumed. */
@Component
public class IndexStatus {

    private final LiveIndex index;
    private final IndexKeeper keeper;
    private final IndexFiles files;
    private final AppliedOffsets offsets;

    public IndexStatus(LiveIndex index, IndexKeeper keeper, IndexFiles files, AppliedOffsets offsets) {
        this.index = index;
        this.keeper = keeper;
        this.files = files;
        this.offsets = offsets;
    }

    public Map<String, Object> describe() {
        Map<String, Object> out = new LinkedHashMap<>();
        index.ready().ifPresentOrElse(ready -> {
            out.put("state", "ready");
            out.put("documents", ready.size());
            out.put("bytesOnDisk", ready.bytesOnDisk());
            out.put("path", ready.path().toString());
        }, () -> {
            LiveIndex.Building building = index.building();
            out.put("state", "rebuilding");
            out.put("indexed", building.done());
            out.put("products", building.total());
            out.put("startedAt", building.startedAt().toString());
            out.put("path", files.base().toString());
        });
        out.put("readyInMs", keeper.readyInMs());
        out.put("opened", keeper.openedHow());
        out.put("resumedFrom", offsets.resumedFrom());
        out.put("replayedOnResume", offsets.replayed());
        return out;
    }
}
