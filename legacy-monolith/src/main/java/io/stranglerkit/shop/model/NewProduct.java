package io.stranglerkit.shop.model;

/** The writable fields of a product, as the service layer passes them to the repository. */
public record NewProduct(String sku, String name, String description, long priceCents, long categoryId) {
}
