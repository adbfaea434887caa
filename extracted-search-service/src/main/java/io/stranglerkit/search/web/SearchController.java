package io.stranglerkit.search.web;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.stranglerkit.search.index.LiveIndex;
import io.stranglerkit.search.index.SearchIndex;
import io.stranglerkit.search.index.TextFolding;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code GET /api/products/search}: the monolith's contract, answered from the search index.
 * Matching is the monolith's (every term a case- and accent-insensitive substring of the name, the
 * description or the category name), and so is the default order (by product id). {@code
 * sort=relevance} is this service's own addition: the same matches, best first (BM25).
 */
@RestController
public class SearchController {

    static final int MAX_TERMS = 10;

    private final LiveIndex index;
    private final Timer timer;

    public SearchController(LiveIndex index, MeterRegistry meters) {
        this.index = index;
        this.timer = Timer.builder("search.requests").description("time to answer a search from the index").register(meters);
    }

    @GetMapping("/api/products/search")
    public SearchPage search(@RequestParam @NotBlank @Size(max = 200) String q,
                             @RequestParam(defaultValue = "0") @Min(0) @Max(1_000_000) int page,
                             @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size,
                             @RequestParam(defaultValue = "id") String sort) {
        List<String> terms = terms(q);
        SearchIndex.Order order = order(sort, page, size);
        return timer.record(() -> {
            SearchIndex.Page found = index.get().search(terms, (long) page * size, size, order);
            return new SearchPage(found.hits().stream().map(SearchItem::from).toList(), page, size, found.total());
        });
    }

    static SearchIndex.Order order(String sort, int page, int size) {
        if ("id".equals(sort)) {
            return SearchIndex.Order.ID;
        }
        if (!"relevance".equals(sort)) {
            throw new BadParameterException("sort", "must be id or relevance");
        }
        if ((long) (page + 1) * size > SearchIndex.RELEVANCE_WINDOW) {
            throw new BadParameterException("page", "with sort=relevance, pages reach the first " + SearchIndex.RELEVANCE_WINDOW
                    + " results only");
        }
        return SearchIndex.Order.RELEVANCE;
    }

    /** Whitespace separates terms, duplicates count once, 1 to 10 terms: the monolith's rules. */
    static List<String> terms(String q) {
        List<String> terms = Arrays.stream(q.trim().split("\\s+"))
                .filter(t -> !t.isEmpty())
                .map(t -> t.toLowerCase(Locale.ROOT)) // counted as the monolith counts them, then folded
                .distinct()
                .toList();
        if (terms.isEmpty()) {
            throw new BadParameterException("q", "must contain at least one search term");
        }
        if (terms.size() > MAX_TERMS) {
            throw new BadParameterException("q", "must contain at most " + MAX_TERMS + " search terms");
        }
        return terms.stream().map(TextFolding::fold).distinct().toList();
    }
}
