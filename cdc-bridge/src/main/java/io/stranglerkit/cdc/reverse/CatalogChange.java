package io.stranglerkit.cdc.reverse;

/**
 * One change of the catalog's product table, translated to the shop's terms.
 *
 * @param row           the product as the shop would store it (for a tombstone: its last live content)
 * @param deleted       the catalog deleted the product (its row is a tombstone)
 * @param writtenByCatalog false when the catalog row is itself a copy of a shop change: an echo
 * @param created       the row was inserted ({@code op} c) or read by a snapshot ({@code op} r)
 */
public record CatalogChange(ShopRow row, boolean deleted, boolean writtenByCatalog, boolean created) {
}
