package io.stranglerkit.cdc.reverse;

import io.stranglerkit.platform.cdc.ChangeEnvelope;
import io.stranglerkit.platform.cdc.RowReader;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * The anti-corruption layer, catalog to monolith: reads the Debezium envelopes of the catalog's
 * {@code product} table and maps the catalog's model back to the shop's columns (decimal
 * {@code price} to whole {@code price_cents}, a tombstone's {@code deleted_at} to a row delete).
 * Nothing else in the bridge knows a catalog column name. The opposite direction lives in the catalog
 * service ({@code sync/LegacyShopTranslation}).
 */
public final class CatalogToShopTranslation {

    private CatalogToShopTranslation() {
    }

    /** {@code null} for a tombstone record or a hard delete (the catalog never hard-deletes a product). */
    public static CatalogChange translate(byte[] value) {
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
        long priceCents = cents(after);
        Instant updatedAt = after.instant("updated_at");
        boolean deleted = !after.isNull("deleted_at");
        String sku = after.optionalText("sku");
        if (sku == null && !deleted) {
            after.problem("after.sku must be a string on a live product");
        }
        after.throwIfInvalid();
        return new CatalogChange(new ShopRow(id, sku, name, description, priceCents, categoryId, version, updatedAt),
                deleted, "catalog".equals(writtenBy), !envelope.op().equals("u"));
    }

    /** The catalog's decimal price to the shop's whole cents, exactly. */
    private static long cents(RowReader after) {
        BigDecimal price = after.decimal("price");
        if (price == null) {
            return 0;
        }
        try {
            return price.movePointRight(2).longValueExact();
        } catch (ArithmeticException e) {
            after.problem("after.price must be a decimal with at most two places, got " + price.toPlainString());
            return 0;
        }
    }
}
