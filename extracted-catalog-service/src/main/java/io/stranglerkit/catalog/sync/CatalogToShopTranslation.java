package io.stranglerkit.catalog.sync;

import io.stranglerkit.platform.cdc.ChangeEnvelope;
import io.stranglerkit.platform.cdc.PoisonEventException;
import io.stranglerkit.platform.cdc.RowReader;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * The anti-corruption layer, catalog to monolith: reads the Debezium envelopes of the catalog's own
 * {@code product} table (as the cdc-bridge publishes them) and says how the catalog's model maps back
 * to the shop's columns: a decimal {@code price} to whole {@code price_cents}, a tombstone's
 * {@code deleted_at} to a row delete. The opposite direction is {@link LegacyShopTranslation}.
 */
final class CatalogToShopTranslation {

    private CatalogToShopTranslation() {
    }

    /** {@code null} for a compaction tombstone or a hard delete (the catalog never hard-deletes a product). */
    static ProductChange product(byte[] value) {
        ChangeEnvelope envelope = ChangeEnvelope.read(value);
        if (envelope == null || envelope.deleted()) {
            return null;
        }
        RowReader after = envelope.after();
        long id = after.whole("id");
        long categoryId = after.whole("category_id");
        long version = after.whole("version");
        String name = after.text("name");
        String description = after.text("description");
        String writtenBy = after.text("written_by");
        BigDecimal price = after.decimal("price");
        Instant updatedAt = after.instant("updated_at");
        boolean deleted = !after.isNull("deleted_at");
        String sku = after.optionalText("sku");
        if (sku == null && !deleted) {
            after.problem("after.sku must be a string on a live product");
        }
        if (price != null && !fitsInCents(price)) {
            after.problem("after.price must be a decimal with at most two places, got " + price.toPlainString());
        }
        if (writtenBy != null && !writtenBy.equals("catalog") && !writtenBy.equals("monolith")) {
            after.problem("after.written_by must be catalog or monolith, got '" + writtenBy + "'");
        }
        after.throwIfInvalid();
        ProductState state = new ProductState(id, sku, name, description, price, categoryId, version, updatedAt);
        return new ProductChange(Side.CATALOG, state, deleted, !envelope.op().equals("u"), Side.ofColumn(writtenBy),
                envelope.position());
    }

    /** The catalog's decimal price as the shop's whole cents, exactly. */
    static long priceCents(BigDecimal price) {
        if (!fitsInCents(price)) {
            throw new PoisonEventException("price " + price.toPlainString() + " has more than two decimal places");
        }
        return price.movePointRight(2).longValueExact();
    }

    private static boolean fitsInCents(BigDecimal price) {
        try {
            price.movePointRight(2).longValueExact();
            return true;
        } catch (ArithmeticException e) {
            return false;
        }
    }
}
