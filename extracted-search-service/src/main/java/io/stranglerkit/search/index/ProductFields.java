package io.stranglerkit.search.index;

import io.stranglerkit.search.model.ProductDoc;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.ngram.NGramTokenizer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.LongField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.Term;
import org.apache.lucene.util.BytesRef;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * How a product is written into the Lucene index and read back. Matching uses {@code grams}: every
 * three-character sequence of the folded name and of the folded description, each padded at its end
 * with two {@link #END} marks, so a one- or two-character term occurs exactly when some gram starts
 * with it. {@code folded} (doc values) confirms longer terms, whose grams only narrow the candidates.
 * {@code name} and {@code description} as words are for relevance (BM25) only.
 */
final class ProductFields {

    static final String KEY = "key";
    static final String ID = "id";
    static final String CATEGORY = "category";
    static final String GRAMS = "grams";
    static final String FOLDED = "folded";
    static final String NAME_WORDS = "name";
    static final String DESCRIPTION_WORDS = "description";
    /** Pads each text so its last one or two characters start a gram; never part of a term that can match. */
    static final char END = '\u0002';
    /** Separates the folded name from the folded description, so no term matches across them. */
    static final char BETWEEN = '\u0001';

    private static final FieldType GRAM_TYPE = docsOnly();
    private static final Analyzer GRAMS_ANALYZER = new Analyzer() {
        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            Tokenizer grams = new NGramTokenizer(3, 3);
            return new TokenStreamComponents(grams);
        }
    };
    private static final Analyzer WORDS_ANALYZER = new StandardAnalyzer(CharArraySet.EMPTY_SET);
    static final Analyzer ANALYZER = new PerFieldAnalyzerWrapper(WORDS_ANALYZER, Map.of(GRAMS, GRAMS_ANALYZER));

    private ProductFields() {
    }

    static Term key(long id) {
        return new Term(KEY, Long.toString(id));
    }

    static Document document(ProductDoc doc) {
        String name = TextFolding.fold(doc.name());
        String description = TextFolding.fold(doc.description());
        Document out = new Document();
        out.add(new StringField(KEY, Long.toString(doc.id()), Field.Store.NO));
        out.add(new LongField(ID, doc.id(), Field.Store.YES));
        out.add(new LongField(CATEGORY, doc.categoryId(), Field.Store.YES));
        out.add(new Field(GRAMS, name + END + END, GRAM_TYPE));
        out.add(new Field(GRAMS, description + END + END, GRAM_TYPE));
        out.add(new BinaryDocValuesField(FOLDED, new BytesRef(name + BETWEEN + description)));
        out.add(new Field(NAME_WORDS, name, WordType.TYPE));
        out.add(new Field(DESCRIPTION_WORDS, description, WordType.TYPE));
        out.add(new StoredField("sku", doc.sku()));
        out.add(new StoredField("name_text", doc.name()));
        out.add(new StoredField("description_text", doc.description()));
        out.add(new StoredField("price_cents", doc.priceCents()));
        out.add(new StoredField("version", doc.version()));
        return out;
    }

    static ProductDoc product(Document stored) {
        return new ProductDoc(stored.getField(ID).numericValue().longValue(), stored.get("sku"), stored.get("name_text"),
                stored.get("description_text"), stored.getField("price_cents").numericValue().longValue(),
                stored.getField(CATEGORY).numericValue().longValue(), stored.getField("version").numericValue().longValue());
    }

    /** The distinct grams of a folded term of three or more characters. */
    static List<String> gramsOf(String term) {
        return tokens(GRAMS_ANALYZER, GRAMS, term);
    }

    /** The words of a folded term, as the relevance fields hold them ("oak-table" is "oak" and "table"). */
    static List<String> wordsOf(String term) {
        return tokens(WORDS_ANALYZER, NAME_WORDS, term);
    }

    private static List<String> tokens(Analyzer analyzer, String field, String text) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        try (var stream = analyzer.tokenStream(field, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                out.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ArrayList<>(out);
    }

    private static FieldType docsOnly() {
        FieldType type = new FieldType();
        type.setIndexOptions(IndexOptions.DOCS);
        type.setTokenized(true);
        type.setOmitNorms(true);
        type.freeze();
        return type;
    }

    /** Words with their frequencies and norms: what BM25 needs, no positions. */
    private static final class WordType {
        static final FieldType TYPE = create();

        private static FieldType create() {
            FieldType type = new FieldType();
            type.setIndexOptions(IndexOptions.DOCS_AND_FREQS);
            type.setTokenized(true);
            type.freeze();
            return type;
        }
    }
}
