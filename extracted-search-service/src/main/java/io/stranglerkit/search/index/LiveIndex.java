package io.stranglerkit.search.index;

import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Optional;

/**
 * The index searches are answered from, or, while none is complete, how far its build has come: an
 * index known to be incomplete is never searched. A rebuild replaces the index in one step.
 */
@Component
public class LiveIndex {

    /** A build from the read model's tables: {@code done} of {@code total} products indexed. */
    public record Building(Instant startedAt, long done, long total) {
    }

    private volatile SearchIndex index;
    private volatile Building building = new Building(Instant.now(), 0, 0);

    /** The complete index; throws {@link IndexRebuildingException} while it is being built. */
    public SearchIndex get() {
        SearchIndex ready = index;
        if (ready == null) {
            throw new IndexRebuildingException(building);
        }
        return ready;
    }

    public Optional<SearchIndex> ready() {
        return Optional.ofNullable(index);
    }

    public Building building() {
        return index == null ? building : null;
    }

    public void building(Building progress) {
        this.building = progress;
    }

    /** Makes {@code complete} the index searches use; returns the one it replaces (null if none). */
    public SearchIndex replace(SearchIndex complete) {
        SearchIndex previous = index;
        index = complete;
        return previous;
    }
}
