package io.stranglerkit.search.index;

import io.stranglerkit.search.model.Category;
import io.stranglerkit.search.model.ProductDoc;
import org.roaringbitmap.RoaringBitmap;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The in-memory index over the read model: for every three-character sequence (trigram) of a
 * product's folded name and description, the set of product ids containing it, as compressed
 * bitmaps. A term of three or more characters narrows to the intersection of its trigrams' sets and
 * is then confirmed by a substring test, so matches are exactly the monolith's {@code LIKE '%term%'}
 * (a FULLTEXT index matches words, and would miss "oak" in "cloak"). Shorter terms scan the documents.
 * Category names are matched once per category, not per product, so a rename touches one entry.
 * <p>
 * Bitmaps iterate in ascending id order, which is the monolith's result order, so a page is a skip
 * and a take. One writer (the change feed) and many readers share it under a read-write lock.
 */
public final class SearchIndex {

    /** Separates name and description, so no term matches across the two. */
    private static final char FIELD_SEPARATOR = '\u0001';

    public record Page(List<Hit> hits, long total) {
    }

    public record Hit(ProductDoc doc, String categoryName) {
    }

    private record Entry(ProductDoc doc, String folded) {
    }

    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<Integer, Entry> docs = new HashMap<>();
    private final Map<Long, RoaringBitmap> byTrigram = new HashMap<>();
    private final Map<Long, RoaringBitmap> byCategory = new HashMap<>();
    private final Map<Long, Category> categories = new HashMap<>();
    private final Map<Long, String> foldedCategoryNames = new HashMap<>();

    public void putAll(Iterable<ProductDoc> products) {
        lock.writeLock().lock();
        try {
            products.forEach(this::putUnlocked);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Applies one committed batch of the feed at once: readers see all of it or none of it. */
    public void apply(Iterable<Category> upsertCategories, Iterable<Long> deleteCategories,
                      Iterable<ProductDoc> upsertProducts, Iterable<Long> deleteProducts) {
        lock.writeLock().lock();
        try {
            upsertCategories.forEach(c -> {
                categories.put(c.id(), c);
                foldedCategoryNames.put(c.id(), TextFolding.fold(c.name()));
            });
            deleteCategories.forEach(id -> {
                categories.remove(id);
                foldedCategoryNames.remove(id);
            });
            upsertProducts.forEach(this::putUnlocked);
            deleteProducts.forEach(id -> removeUnlocked(Math.toIntExact(id)));
        } finally {
            lock.writeLock().unlock();
        }
    }

    public int size() {
        lock.readLock().lock();
        try {
            return docs.size();
        } finally {
            lock.readLock().unlock();
        }
    }

    public int categoryCount() {
        lock.readLock().lock();
        try {
            return categories.size();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Products matching every term (already folded, distinct), in id order, one page of them. */
    public Page search(List<String> foldedTerms, long offset, int limit) {
        lock.readLock().lock();
        try {
            RoaringBitmap result = null;
            for (String term : foldedTerms) {
                RoaringBitmap matches = matches(term);
                result = result == null ? matches : RoaringBitmap.and(result, matches);
                if (result.isEmpty()) {
                    break;
                }
            }
            if (result == null) {
                return new Page(List.of(), 0);
            }
            List<Hit> hits = new ArrayList<>(Math.min(limit, result.getCardinality()));
            if (offset < result.getCardinality()) {
                var ids = result.getIntIterator();
                for (long skipped = 0; skipped < offset; skipped++) {
                    ids.next();
                }
                while (ids.hasNext() && hits.size() < limit) {
                    ProductDoc doc = docs.get(ids.next()).doc();
                    Category category = categories.get(doc.categoryId());
                    hits.add(new Hit(doc, category == null ? null : category.name()));
                }
            }
            return new Page(hits, result.getLongCardinality());
        } finally {
            lock.readLock().unlock();
        }
    }

    private RoaringBitmap matches(String term) {
        RoaringBitmap inText = term.indexOf(FIELD_SEPARATOR) >= 0 ? new RoaringBitmap() : textMatches(term);
        for (Map.Entry<Long, String> category : foldedCategoryNames.entrySet()) {
            RoaringBitmap members = byCategory.get(category.getKey());
            if (members != null && category.getValue().contains(term)) {
                inText.or(members);
            }
        }
        return inText;
    }

    private RoaringBitmap textMatches(String term) {
        if (term.length() < 3) {
            RoaringBitmap found = new RoaringBitmap();
            docs.forEach((id, entry) -> {
                if (entry.folded().contains(term)) {
                    found.add(id);
                }
            });
            return found;
        }
        RoaringBitmap candidates = null;
        for (long trigram : trigrams(term)) {
            RoaringBitmap withTrigram = byTrigram.get(trigram);
            if (withTrigram == null) {
                return new RoaringBitmap();
            }
            candidates = candidates == null ? withTrigram.clone() : RoaringBitmap.and(candidates, withTrigram);
        }
        if (term.length() > 3) {
            // All trigrams present does not mean they are adjacent: confirm each candidate.
            RoaringBitmap confirmed = new RoaringBitmap();
            candidates.forEach((int id) -> {
                if (docs.get(id).folded().contains(term)) {
                    confirmed.add(id);
                }
            });
            return confirmed;
        }
        return candidates;
    }

    private void putUnlocked(ProductDoc doc) {
        int id = Math.toIntExact(doc.id());
        String folded = TextFolding.fold(doc.name()) + FIELD_SEPARATOR + TextFolding.fold(doc.description());
        Entry previous = docs.put(id, new Entry(doc, folded));
        Set<Long> now = trigrams(folded);
        if (previous != null) {
            for (long old : trigrams(previous.folded())) {
                if (!now.contains(old)) {
                    removeFrom(byTrigram, old, id);
                }
            }
            if (previous.doc().categoryId() != doc.categoryId()) {
                removeFrom(byCategory, previous.doc().categoryId(), id);
            }
        }
        for (long trigram : now) {
            byTrigram.computeIfAbsent(trigram, t -> new RoaringBitmap()).add(id);
        }
        byCategory.computeIfAbsent(doc.categoryId(), c -> new RoaringBitmap()).add(id);
    }

    private void removeUnlocked(int id) {
        Entry previous = docs.remove(id);
        if (previous != null) {
            trigrams(previous.folded()).forEach(t -> removeFrom(byTrigram, t, id));
            removeFrom(byCategory, previous.doc().categoryId(), id);
        }
    }

    private static void removeFrom(Map<Long, RoaringBitmap> map, long key, int id) {
        RoaringBitmap ids = map.get(key);
        if (ids != null) {
            ids.remove(id);
            if (ids.isEmpty()) {
                map.remove(key);
            }
        }
    }

    /** Three UTF-16 chars packed in one long. */
    static Set<Long> trigrams(String text) {
        Set<Long> out = new HashSet<>(Math.max(16, text.length() * 2));
        for (int i = 0; i + 3 <= text.length(); i++) {
            out.add(((long) text.charAt(i) << 32) | ((long) text.charAt(i + 1) << 16) | text.charAt(i + 2));
        }
        return out;
    }
}
