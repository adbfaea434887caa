package io.stranglerkit.search.web;

import io.stranglerkit.search.index.SearchIndex;

import java.math.BigDecimal;

/** One search hit: the monolith's fields, names and types ({@code price} a two-place decimal string). */
public record SearchItem(long id, String sku, String name, String description, String price, String category) {

    static SearchItem from(SearchIndex.Hit hit) {
        var doc = hit.doc();
        return new SearchItem(doc.id(), doc.sku(), doc.name(), doc.description(),
                BigDecimal.valueOf(doc.priceCents(), 2).toPlainString(), hit.categoryName());
    }
}
