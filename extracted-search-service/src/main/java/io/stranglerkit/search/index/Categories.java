package io.stranglerkit.search.index;

import io.stranglerkit.search.model.Category;

import java.util.HashMap;
import java.util.Map;

/**
 * The categories' names, held once per category rather than in every product's document: a term that
 * occurs in a category's name matches the category's products, and a rename touches one entry. Each
 * change makes a new copy, so a search reads one consistent set without a lock.
 */
final class Categories {

    private record Named(String name, String folded) {
    }

    private final Map<Long, Named> byId;

    private Categories(Map<Long, Named> byId) {
        this.byId = byId;
    }

    static Categories none() {
        return new Categories(Map.of());
    }

    Categories with(Iterable<Category> upserted, Iterable<Long> deleted) {
        Map<Long, Named> next = new HashMap<>(byId);
        upserted.forEach(c -> next.put(c.id(), new Named(c.name(), TextFolding.fold(c.name()))));
        deleted.forEach(next::remove);
        return new Categories(next);
    }

    String name(long id) {
        Named named = byId.get(id);
        return named == null ? null : named.name();
    }

    int size() {
        return byId.size();
    }

    /** The ids of the categories whose folded name contains the folded term. */
    long[] containing(String term) {
        return byId.entrySet().stream().filter(e -> e.getValue().folded().contains(term)).mapToLong(Map.Entry::getKey).toArray();
    }
}
