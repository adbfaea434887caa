package io.stranglerkit.search.index;

import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedNumericDocValues;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.util.BytesRef;
import org.roaringbitmap.RoaringBitmap;

import java.io.IOException;
import java.util.List;

/**
 * Keeps the candidates that really match (longer terms confirmed against the folded text) as product
 * ids in a bitmap, which iterates in id order: the monolith's order, and its total. When results are
 * ranked, the confirmed candidates also go to the ranking collector.
 */
final class MatchCollector implements Collector {

    private final List<TermMatch> toConfirm;
    private final Collector ranked;
    private final RoaringBitmap ids = new RoaringBitmap();

    MatchCollector(List<TermMatch> terms, Collector ranked) {
        this.toConfirm = terms.stream().filter(TermMatch::needsConfirming).toList();
        this.ranked = ranked;
    }

    RoaringBitmap ids() {
        return ids;
    }

    @Override
    public ScoreMode scoreMode() {
        return ranked == null ? ScoreMode.COMPLETE_NO_SCORES : ranked.scoreMode();
    }

    @Override
    public LeafCollector getLeafCollector(LeafReaderContext context) throws IOException {
        SortedNumericDocValues id = DocValues.getSortedNumeric(context.reader(), ProductFields.ID);
        SortedNumericDocValues category = DocValues.getSortedNumeric(context.reader(), ProductFields.CATEGORY);
        BinaryDocValues folded = DocValues.getBinary(context.reader(), ProductFields.FOLDED);
        LeafCollector rankedLeaf = ranked == null ? null : ranked.getLeafCollector(context);
        return new LeafCollector() {
            @Override
            public void setScorer(Scorable scorer) throws IOException {
                if (rankedLeaf != null) {
                    rankedLeaf.setScorer(scorer);
                }
            }

            @Override
            public void collect(int doc) throws IOException {
                if (!toConfirm.isEmpty() && !confirmed(doc)) {
                    return;
                }
                id.advanceExact(doc);
                ids.add(Math.toIntExact(id.nextValue()));
                if (rankedLeaf != null) {
                    rankedLeaf.collect(doc);
                }
            }

            private boolean confirmed(int doc) throws IOException {
                category.advanceExact(doc);
                long categoryId = category.nextValue();
                folded.advanceExact(doc);
                BytesRef text = folded.binaryValue();
                for (TermMatch term : toConfirm) {
                    if (!term.confirmedBy(categoryId, text)) {
                        return false;
                    }
                }
                return true;
            }
        };
    }
}
