package io.stranglerkit.search.index;

import io.stranglerkit.search.model.Category;
import io.stranglerkit.search.model.ModelStore;
import io.stranglerkit.search.model.ProductDoc;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexNotFoundException;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.IndexWriterConfig.OpenMode;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.MMapDirectory;
import org.apache.lucene.util.IOUtils;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

    private final Path path;
    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private volatile CommitData committed;
    private final AtomicBoolean unrefreshed = new AtomicBoolean();
    private volatile Categories categories = Categories.none();

    private SearchIndex(Path path, OpenMode mode, CommitData committed) throws IOException {
        this.path = path;
        this.committed = committed;
        Files.createDirectories(path);
        this.directory = new MMapDirectory(path);
        IndexWriterConfig config = new IndexWriterConfig(ProductFields.ANALYZER).setOpenMode(mode).setCommitOnClose(false)
                .setRAMBufferSizeMB(16); // heap: the rest of the index is on disk
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
    /** Measured at each commit (-1: not yet); see {@link #bytesOnDisk}. */
    private volatile long bytesOnDisk = -1;

    public static SearchIndex create(Path path, String model) {
        try {
            CommitData empty = new CommitData(model, Map.of());
            SearchIndex index = new SearchIndex(path, OpenMode.CREATE, empty);
            index.writer.setLiveCommitData(empty.userData().entrySet());
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
        CommitData committed;
        try (Directory probe = new MMapDirectory(path)) {
            if (!DirectoryReader.indexExists(probe)) {
                throw new IndexNotFoundException("no index in " + path);
            }
            committed = CommitData.of(SegmentInfos.readLatestCommit(probe).getUserData());
        }
        if (!model.equals(committed.model())) {
            throw new IOException("the index in " + path + " belongs to model " + committed.model() + ", not to " + model);
        }
        return new SearchIndex(path, OpenMode.APPEND, committed);
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

    /**
     * Makes what was applied searchable, and lets go of segments that merges replaced (their files are
     * deleted, and unmapped, only once no reader holds them); cheap when neither happened.
     */
    public void refresh() throws IOException {
        if (unrefreshed.getAndSet(false) || !searchers.isSearcherCurrent()) {
            searchers.maybeRefreshBlocking();
        }
    }

    /** Durably records everything applied so far, with the topic offsets the feed will resume from. */
    public synchronized void commit(Map<String, Long> offsets) throws IOException {
        CommitData data = new CommitData(committed.model(), offsets);
        writer.setLiveCommitData(data.userData().entrySet());
        writer.commit();
        committed = data;
        measureBytesOnDisk();
    }

    public boolean hasUncommittedChanges() {
        return writer.hasUncommittedChanges();
    }

    /** The offsets of the last commit ("topic:partition" -> next offset); empty when none were recorded. */
    public Map<String, Long> committedOffsets() {
        return committed.offsets();
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

    /**
     * The index's size on disk as of its last commit (every second while changes come): health and
     * /status ask for it on every probe, and need not list the directory each time.
     */
    public long bytesOnDisk() {
        long known = bytesOnDisk;
        return known >= 0 ? known : measureBytesOnDisk();
    }

    private long measureBytesOnDisk() {
        try (var files = Files.list(path)) {
            bytesOnDisk = files.mapToLong(file -> file.toFile().length()).sum();
        } catch (IOException e) {
            bytesOnDisk = -1;
        }
        return bytesOnDisk;
    }

    /** Products matching every term (folded, distinct): one page, and how many there are in all. */
    public Page search(List<String> foldedTerms, long offset, int limit, Order order) {
        Categories known = categories;
        return withSearcher(searcher -> IndexQuery.page(searcher, known, foldedTerms, offset, limit, order));
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
