package io.stranglerkit.shop.dto;

import io.stranglerkit.shop.model.Money;
import io.stranglerkit.shop.model.Product;

/** One search hit. The extracted search service answers with exactly these fields. */
public record SearchItem(long id, String sku, String name, String description, String price, String category) {

    public static SearchItem from(Product p) {
        return new SearchItem(p.id(), p.sku(), p.name(), p.description(), Money.format(p.priceCents()), p.categoryName());
    }
}
