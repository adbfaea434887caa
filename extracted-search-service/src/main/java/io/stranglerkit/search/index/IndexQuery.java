package io.stranglerkit.search.index;

import io.stranglerkit.search.index.SearchIndex.Hit;
import io.stranglerkit.search.index.SearchIndex.Order;
import io.stranglerkit.search.index.SearchIndex.Page;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.LongField;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.SortedNumericSelector;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopFieldCollector;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.roaringbitmap.PeekableIntIterator;
import org.roaringbitmap.RoaringBitmap;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One search on one searcher: every term a filter, the confirmed matches collected by id; in id order
 * a page is a skip and a take over the ids and its documents are read back by id, ranked it is the
 * top of a BM25 ranking over the same matches.
 */
final class IndexQuery {

    private static final SortField ID = LongField.newSortField(ProductFields.ID, false, SortedNumericSelector.Type.MIN);
    private static final Sort BY_ID = new Sort(ID);
    /** Best score first; equal scores in id order. */
    private static final Sort BY_RELEVANCE = new Sort(SortField.FIELD_SCORE, ID);

    private IndexQuery() {
    }

    static Page page(IndexSearcher searcher, Categories categories, List<String> foldedTerms, long offset, int limit, Order order)
            throws IOException {
        List<TermMatch> terms = foldedTerms.stream().map(term -> new TermMatch(term, categories)).toList();
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        terms.forEach(term -> query.add(term.query(), Occur.FILTER));
        TopFieldCollector ranked = null;
        if (order == Order.RELEVANCE) {
            terms.forEach(term -> term.relevance().forEach(clause -> query.add(clause, Occur.SHOULD)));
            ranked = new TopFieldCollectorManager(BY_RELEVANCE, (int) Math.min(SearchIndex.RELEVANCE_WINDOW, offset + limit),
                    Integer.MAX_VALUE).newCollector();
        }
        MatchCollector matches = new MatchCollector(terms, ranked);
        searcher.search(query.build(), matches);
        List<Document> page = ranked == null ? byId(searcher, matches.ids(), offset, limit) : documents(searcher, ranked.topDocs(), offset);
        List<Hit> hits = page.stream().map(ProductFields::product).map(doc -> new Hit(doc, categories.name(doc.categoryId()))).toList();
        return new Page(hits, matches.ids().getLongCardinality());
    }

    private static List<Document> byId(IndexSearcher searcher, RoaringBitmap ids, long offset, int limit) throws IOException {
        if (offset >= ids.getLongCardinality()) {
            return List.of();
        }
        PeekableIntIterator from = ids.getIntIterator();
        from.advanceIfNeeded(ids.select((int) offset));
        long[] pageIds = new long[(int) Math.min(limit, ids.getLongCardinality() - offset)];
        for (int i = 0; i < pageIds.length; i++) {
            pageIds[i] = from.next();
        }
        return documents(searcher, searcher.search(LongField.newSetQuery(ProductFields.ID, pageIds), pageIds.length, BY_ID), 0);
    }

    private static List<Document> documents(IndexSearcher searcher, TopDocs top, long offset) throws IOException {
        List<Document> out = new ArrayList<>();
        var stored = searcher.storedFields();
        for (int i = (int) Math.min(offset, top.scoreDocs.length); i < top.scoreDocs.length; i++) {
            out.add(stored.document(top.scoreDocs[i].doc));
        }
        return out;
    }
}
