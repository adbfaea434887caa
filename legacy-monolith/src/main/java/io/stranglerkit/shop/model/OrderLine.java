package io.stranglerkit.shop.model;

/** One order line; the unit price was copied from the product when the order was placed. */
public record OrderLine(long productId, String sku, String productName, int quantity, long unitPriceCents) {
}
