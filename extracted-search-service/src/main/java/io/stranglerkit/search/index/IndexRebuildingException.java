package io.stranglerkit.search.index;

/** A search arrived while the index is being built: answered 503 with the progress, never with partial results. */
public class IndexRebuildingException extends RuntimeException {

    private final transient LiveIndex.Building progress;

    public IndexRebuildingException(LiveIndex.Building progress) {
        super(progress.total() > 0 ? "index rebuilding, " + progress.done() + " of " + progress.total() + " products indexed"
                : "index rebuilding, counting the products to index");
        this.progress = progress;
    }

    public LiveIndex.Building progress() {
        return progress;
    }
}
