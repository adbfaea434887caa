package io.stranglerkit.search.index;

import org.apache.lucene.document.LongField;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What one folded term matches: products whose name or description contains it, or whose category's
 * name does. The grams find the candidates; they are exact for terms of up to three characters, and
 * a longer term is confirmed against the folded text ({@link #confirmedBy}).
 */
final class TermMatch {

    private static final float NAME_BOOST = 3f;

    private final String term;
    private final byte[] utf8;
    private final Query query;
    private final boolean needsConfirming;
    private final long[] categories;

    TermMatch(String term, Categories known) {
        this.term = term;
        this.utf8 = term.getBytes(StandardCharsets.UTF_8);
        long[] inCategories = known.containing(term);
        Arrays.sort(inCategories);
        categories = inCategories;
        Query text = textCandidates(term);
        needsConfirming = !(text instanceof MatchNoDocsQuery) && term.codePointCount(0, term.length()) > 3;
        BooleanQuery.Builder either = new BooleanQuery.Builder().add(text, Occur.SHOULD);
        if (inCategories.length > 0) {
            either.add(LongField.newSetQuery(ProductFields.CATEGORY, inCategories), Occur.SHOULD);
        }
        query = either.build();
    }

    private static Query textCandidates(String term) {
        if (term.indexOf(ProductFields.END) >= 0 || term.indexOf(ProductFields.BETWEEN) >= 0) {
            return new MatchNoDocsQuery("a term with a separator never occurs in one text");
        }
        int length = term.codePointCount(0, term.length());
        if (length < 3) {
            return new PrefixQuery(new Term(ProductFields.GRAMS, term));
        }
        List<String> grams = ProductFields.gramsOf(term);
        if (grams.size() == 1) {
            return new TermQuery(new Term(ProductFields.GRAMS, grams.get(0)));
        }
        BooleanQuery.Builder all = new BooleanQuery.Builder();
        grams.forEach(gram -> all.add(new TermQuery(new Term(ProductFields.GRAMS, gram)), Occur.FILTER));
        return all.build();
    }

    /**
     * Scoring clauses for ranked results: BM25 of the term's words in the name (boosted 3x) and the
     * description, and a fixed 1 when a category's name holds the term (names are kept per category).
     */
    List<Query> relevance() {
        List<Query> out = new ArrayList<>();
        for (String word : ProductFields.wordsOf(term)) {
            out.add(new BoostQuery(new TermQuery(new Term(ProductFields.NAME_WORDS, word)), NAME_BOOST));
            out.add(new TermQuery(new Term(ProductFields.DESCRIPTION_WORDS, word)));
        }
        if (categories.length > 0) {
            out.add(new ConstantScoreQuery(LongField.newSetQuery(ProductFields.CATEGORY, categories)));
        }
        return out;
    }

    Query query() {
        return query;
    }

    boolean needsConfirming() {
        return needsConfirming;
    }

    /**
     * For a candidate of a longer term: its category's name holds the term, or its folded text does.
     * Compared as UTF-8 bytes, where a substring is a substring of the characters too, so no candidate
     * is decoded.
     */
    boolean confirmedBy(long category, BytesRef foldedText) {
        return Arrays.binarySearch(categories, category) >= 0 || contains(foldedText, utf8);
    }

    private static boolean contains(BytesRef text, byte[] term) {
        byte first = term[0];
        int last = text.offset + text.length - term.length;
        for (int start = text.offset; start <= last; start++) {
            if (text.bytes[start] == first && Arrays.equals(text.bytes, start, start + term.length, term, 0, term.length)) {
                return true;
            }
        }
        return false;
    }
}
