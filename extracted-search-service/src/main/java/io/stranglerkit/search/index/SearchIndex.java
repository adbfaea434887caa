package io.stranglerkit.search.index;

import io.stranglerkit.search.model.Category;
import io.stranglerkit.search.model.ProductDoc;
import org.roaringbitmap.RoaringBitmap;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    private static final RoaringBitmap EMPTY = new RoaringBitmap();

    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private Entry[] docs = new Entry[1024]; // by product id: ids are dense, and an array needs no boxing
    private final RoaringBitmap all = new RoaringBitmap();
    // Trigrams of ASCII characters (nearly all of them) index an array; the rest a map.
    private final RoaringBitmap[] byAsciiTrigram = new RoaringBitmap[1 << 21];
    private final Map<Long, RoaringBitmap> byOtherTrigram = new HashMap<>();
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
            return all.getCardinality();
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
            // Most selective term first; each later term is only confirmed within what is left.
            List<Candidates> terms = foldedTerms.stream().map(this::candidates)
                    .sorted(java.util.Comparator.comparingLong(Candidates::estimate)).toList();
            RoaringBitmap result = null;
            for (Candidates term : terms) {
                result = term.confirmWithin(result);
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
                    ProductDoc doc = docs[ids.next()].doc();
                    Category category = categories.get(doc.categoryId());
                    hits.add(new Hit(doc, category == null ? null : category.name()));
                }
            }
            return new Page(hits, result.getLongCardinality());
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * What one term can match: products whose text may contain it (every trigram present; exact
     * when the term is three characters), and the products of categories whose name contains it.
     */
    private final class Candidates {
        private final String term;
        private final RoaringBitmap inText;
        private final boolean exact;
        private final RoaringBitmap inCategory = new RoaringBitmap();

        Candidates(String term) {
            this.term = term;
            if (term.indexOf(FIELD_SEPARATOR) >= 0) {
                inText = new RoaringBitmap();
                exact = true;
            } else if (term.length() < 3) {
                inText = all;
                exact = false;
            } else {
                RoaringBitmap found = null;
                for (long trigram : trigrams(term)) {
                    RoaringBitmap withTrigram = withTrigram(trigram);
                    found = found == null ? withTrigram : RoaringBitmap.and(found, withTrigram);
                }
                inText = found;
                exact = term.length() == 3;
            }
            foldedCategoryNames.forEach((id, name) -> {
                RoaringBitmap members = byCategory.get(id);
                if (members != null && name.contains(term)) {
                    inCategory.or(members);
                }
            });
        }

        long estimate() {
            return inText.getLongCardinality() + inCategory.getLongCardinality();
        }

        /** The products within {@code scope} (all when null) that really match. */
        RoaringBitmap confirmWithin(RoaringBitmap scope) {
            RoaringBitmap text = scope == null ? inText : RoaringBitmap.and(inText, scope);
            RoaringBitmap out;
            if (exact) {
                out = scope == null ? text.clone() : text;
            } else {
                out = new RoaringBitmap();
                text.forEach((int id) -> {
                    if (docs[id].folded().contains(term)) {
                        out.add(id);
                    }
                });
            }
            out.or(scope == null ? inCategory : RoaringBitmap.and(inCategory, scope));
            return out;
        }
    }

    private Candidates candidates(String term) {
        return new Candidates(term);
    }

    private void putUnlocked(ProductDoc doc) {
        int id = Math.toIntExact(doc.id());
        String folded = TextFolding.fold(doc.name()) + FIELD_SEPARATOR + TextFolding.fold(doc.description());
        if (id >= docs.length) {
            docs = java.util.Arrays.copyOf(docs, Math.max(id + 1, docs.length * 2));
        }
        Entry previous = docs[id];
        docs[id] = new Entry(doc, folded);
        all.add(id);
        long[] now = trigrams(folded);
        if (previous != null) {
            for (long old : trigrams(previous.folded())) {
                if (java.util.Arrays.binarySearch(now, old) < 0) {
                    removeFromTrigram(old, id);
                }
            }
            if (previous.doc().categoryId() != doc.categoryId()) {
                removeFrom(byCategory, previous.doc().categoryId(), id);
            }
        }
        for (long trigram : now) {
            int ascii = asciiSlot(trigram);
            if (ascii >= 0) {
                if (byAsciiTrigram[ascii] == null) {
                    byAsciiTrigram[ascii] = new RoaringBitmap();
                }
                byAsciiTrigram[ascii].add(id);
            } else {
                byOtherTrigram.computeIfAbsent(trigram, t -> new RoaringBitmap()).add(id);
            }
        }
        byCategory.computeIfAbsent(doc.categoryId(), c -> new RoaringBitmap()).add(id);
    }

    private void removeUnlocked(int id) {
        Entry previous = id < docs.length ? docs[id] : null;
        if (previous != null) {
            docs[id] = null;
            all.remove(id);
            for (long trigram : trigrams(previous.folded())) {
                removeFromTrigram(trigram, id);
            }
            removeFrom(byCategory, previous.doc().categoryId(), id);
        }
    }

    private RoaringBitmap withTrigram(long trigram) {
        int ascii = asciiSlot(trigram);
        RoaringBitmap ids = ascii >= 0 ? byAsciiTrigram[ascii] : byOtherTrigram.get(trigram);
        return ids == null ? EMPTY : ids;
    }

    private void removeFromTrigram(long trigram, int id) {
        int ascii = asciiSlot(trigram);
        if (ascii < 0) {
            removeFrom(byOtherTrigram, trigram, id);
        } else if (byAsciiTrigram[ascii] != null) {
            byAsciiTrigram[ascii].remove(id);
        }
    }

    /** 7 bits per character when all three are ASCII, else -1. */
    private static int asciiSlot(long trigram) {
        long c0 = trigram >>> 32;
        long c1 = (trigram >>> 16) & 0xFFFF;
        long c2 = trigram & 0xFFFF;
        return (c0 | c1 | c2) < 128 ? (int) (c0 << 14 | c1 << 7 | c2) : -1;
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

    /** The distinct trigrams of a text, sorted; three UTF-16 chars packed in one long. */
    static long[] trigrams(String text) {
        if (text.length() < 3) {
            return new long[0];
        }
        long[] out = new long[text.length() - 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = ((long) text.charAt(i) << 32) | ((long) text.charAt(i + 1) << 16) | text.charAt(i + 2);
        }
        java.util.Arrays.sort(out);
        int distinct = 0;
        for (int i = 0; i < out.length; i++) {
            if (i == 0 || out[i] != out[i - 1]) {
                out[distinct++] = out[i];
            }
        }
        return java.util.Arrays.copyOf(out, distinct);
    }
}
