package io.stranglerkit.search.index;

import io.stranglerkit.search.model.Category;
import io.stranglerkit.search.model.ModelStore;
import io.stranglerkit.search.model.ProductDoc;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.LongField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexNotFoundException;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.IndexWriterConfig.OpenMode;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.SortedNumericSelector;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopFieldCollector;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.MMapDirectory;
import org.apache.lucene.util.IOUtils;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The search index of one read model, on disk ({@link MMapDirectory}) and near-real-time: a batch the
 * feed applies is searchable after the next {@link #refresh}. Each commit records which model it
 * belongs to and the topic offsets it reflects, so a restart opens it and the feed resumes from
 * there. Searches give the monolith's matches, total and id order, or rank by relevance (BM25).
 */
public final class SearchIndex implements Closeable {

    public enum Order { ID, RELEVANCE }

    public record Page(List<Hit> hits, long total) {
    }

    public record Hit(ProductDoc doc, String categoryName) {
    }

    /** Ranked results are collected up to this many, as search engines do; id order pages through everything. */
    public static final int RELEVANCE_WINDOW = 10_000;
    /** Best score first; equal scores in id order. */
    private static final Sort BY_RELEVANCE = new Sort(SortField.FIELD_SCORE,
            LongField.newSortField(ProductFields.ID, false, SortedNumericSelector.Type.MIN));
    private static final Sort BY_ID = new Sort(LongField.newSortField(ProductFields.ID, false, SortedNumericSelector.Type.MIN));
    private static final String MODEL = "model";
    private static final String OFFSETS = "offsets";

    private final Path path;
    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private volatile Map<String, String> committed;
    private final AtomicBoolean unrefreshed = new AtomicBoolean();
    private volatile Categories categories = Categories.none();

    private SearchIndex(Path path, OpenMode mode, Map<String, String> committed) throws IOException {
        this.path = path;
        this.committed = committed;
        Files.createDirectories(path);
        this.directory = new MMapDirectory(path);
        IndexWriterConfig config = new IndexWriterConfig(ProductFields.ANALYZER).setOpenMode(mode).setCommitOnClose(false)
                .setRAMBufferSizeMB(32);
        IndexWriter opened = null;
        try {
            opened = new IndexWriter(directory, config);
            this.searchers = new SearcherManager(opened, null);
        } catch (IOException | RuntimeException e) {
            IOUtils.closeWhileHandlingException(opened, directory);
            throw e;
        }
        this.writer = opened;
    }

    /** A new, empty index for the model at {@code path}; whatever was there is replaced. */
    public static SearchIndex create(Path path, String model) {
        try {
            SearchIndex index = new SearchIndex(path, OpenMode.CREATE, Map.of(MODEL, model));
            index.writer.setLiveCommitData(Map.of(MODEL, model).entrySet());
            return index;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the search index in " + path, e);
        }
    }

    /** The index at {@code path} as last committed; fails when there is none, it cannot be read, or it is another model's. */
    public static SearchIndex open(Path path, String model) throws IOException {
        if (!Files.isDirectory(path)) {
            throw new IndexNotFoundException("no index directory " + path);
        }
        Map<String, String> committed;
        try (Directory probe = new MMapDirectory(path)) {
            if (!DirectoryReader.indexExists(probe)) {
                throw new IndexNotFoundException("no index in " + path);
            }
            committed = SegmentInfos.readLatestCommit(probe).getUserData();
        }
        if (!model.equals(committed.get(MODEL))) {
            throw new IOException("the index in " + path + " belongs to model " + committed.get(MODEL) + ", not to " + model);
        }
        return new SearchIndex(path, OpenMode.APPEND, Map.copyOf(committed));
    }

    /** The categories every search checks names against, from the model's tables. */
    public void loadCategories(Iterable<Category> all) {
        categories = Categories.none().with(all, List.of());
    }

    /** One applied batch: searchable after the next refresh. */
    public void apply(Iterable<Category> upsertCategories, Iterable<Long> deleteCategories,
                      Iterable<ProductDoc> upsertProducts, Iterable<Long> deleteProducts) {
        categories = categories.with(upsertCategories, deleteCategories);
        try {
            for (ProductDoc doc : upsertProducts) {
                writer.updateDocument(ProductFields.key(doc.id()), ProductFields.document(doc));
            }
            for (Long id : deleteProducts) {
                writer.deleteDocuments(ProductFields.key(id));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the search index", e);
        }
        unrefreshed.set(true);
    }

    /** A batch as the read model's tables took it (see {@link ModelStore#withCurrentRowsOfStale}). */
    public void apply(ModelStore.Applied applied) {
        apply(applied.categories(), applied.deletedCategories(), applied.products(), applied.deletedProducts());
    }

    /** Makes what was applied searchable; cheap when nothing was. */
    public void refresh() throws IOException {
        if (unrefreshed.getAndSet(false)) {
            searchers.maybeRefreshBlocking();
        }
    }

    /** Durably records everything applied so far, with the topic offsets the feed will resume from. */
    public synchronized void commit(Map<String, Long> offsets) throws IOException {
        Map<String, String> data = new HashMap<>();
        data.put(MODEL, committed.get(MODEL));
        data.put(OFFSETS, offsets.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(java.util.stream.Collectors.joining(",")));
        writer.setLiveCommitData(data.entrySet());
        writer.commit();
        committed = Map.copyOf(data);
    }

    public boolean hasUncommittedChanges() {
        return writer.hasUncommittedChanges();
    }

    /** The offsets of the last commit ("topic:partition" -> next offset); empty when none were recorded. */
    public Map<String, Long> committedOffsets() {
        Map<String, Long> out = new HashMap<>();
        String offsets = committed.get(OFFSETS);
        if (offsets != null && !offsets.isEmpty()) {
            for (String entry : offsets.split(",")) {
                int equals = entry.lastIndexOf('=');
                out.put(entry.substring(0, equals), Long.parseLong(entry.substring(equals + 1)));
            }
        }
        return out;
    }

    public int size() {
        return withSearcher(searcher -> searcher.getIndexReader().numDocs());
    }

    public int categoryCount() {
        return categories.size();
    }

    public Path path() {
        return path;
    }

    public long bytesOnDisk() {
        try (var files = Files.list(path)) {
            return files.mapToLong(file -> file.toFile().length()).sum();
        } catch (IOException e) {
            return -1;
        }
    }

    /** Products matching every term (folded, distinct): one page, and how many there are in all. */
    public Page search(List<String> foldedTerms, long offset, int limit, Order order) {
        return withSearcher(searcher -> {
            Categories known = categories;
            List<TermMatch> terms = foldedTerms.stream().map(term -> new TermMatch(term, known)).toList();
            BooleanQuery.Builder query = new BooleanQuery.Builder();
            terms.forEach(term -> query.add(term.query(), Occur.FILTER));
            TopFieldCollector ranked = null;
            if (order == Order.RELEVANCE) {
                terms.forEach(term -> term.relevance().forEach(clause -> query.add(clause, Occur.SHOULD)));
                ranked = new TopFieldCollectorManager(BY_RELEVANCE, (int) Math.min(RELEVANCE_WINDOW, offset + limit),
                        Integer.MAX_VALUE).newCollector();
            }
            MatchCollector matches = new MatchCollector(terms, ranked);
            searcher.search(query.build(), matches);
            List<Document> page = ranked == null ? byId(searcher, matches, offset, limit) : ranked(searcher, ranked.topDocs(), offset);
            List<Hit> hits = page.stream().map(ProductFields::product)
                    .map(doc -> new Hit(doc, known.name(doc.categoryId()))).toList();
            return new Page(hits, matches.ids().getLongCardinality());
        });
    }

    private static List<Document> byId(IndexSearcher searcher, MatchCollector matches, long offset, int limit) throws IOException {
        var ids = matches.ids().getIntIterator();
        for (long skipped = 0; skipped < offset && ids.hasNext(); skipped++) {
            ids.next();
        }
        List<Long> pageIds = new ArrayList<>(limit);
        while (ids.hasNext() && pageIds.size() < limit) {
            pageIds.add((long) ids.next());
        }
        if (pageIds.isEmpty()) {
            return List.of();
        }
        TopDocs found = searcher.search(LongField.newSetQuery(ProductFields.ID, pageIds.stream().mapToLong(Long::longValue).toArray()),
                pageIds.size(), BY_ID);
        return ranked(searcher, found, 0);
    }

    private static List<Document> ranked(IndexSearcher searcher, TopDocs top, long offset) throws IOException {
        List<Document> out = new ArrayList<>();
        var stored = searcher.storedFields();
        for (int i = (int) Math.min(offset, top.scoreDocs.length); i < top.scoreDocs.length; i++) {
            ScoreDoc hit = top.scoreDocs[i];
            out.add(stored.document(hit.doc));
        }
        return out;
    }

    private interface WithSearcher<T> {
        T apply(IndexSearcher searcher) throws IOException;
    }

    private <T> T withSearcher(WithSearcher<T> work) {
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                return work.apply(searcher);
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the search index in " + path, e);
        }
    }

    @Override
    public void close() throws IOException {
        IOUtils.close(searchers, writer, directory);
    }

    /** Closes the index and removes its files: a replaced index is not kept. */
    public void closeAndDelete() throws IOException {
        close();
        IOUtils.rm(path);
    }
}
