package io.stranglerkit.search.feed;

import io.stranglerkit.platform.cdc.ChangeEnvelope;
import io.stranglerkit.platform.cdc.PoisonEventException;
import io.stranglerkit.platform.cdc.RowReader;
import io.stranglerkit.search.model.Category;
import io.stranglerkit.search.model.ProductDoc;

/**
 * The search service's translation of the monolith's rows: reads the cdc-bridge's change envelopes of
 * {@code shop.product} and {@code shop.category} into its own model. Anything that does not fit the
 * contract is a {@link PoisonEventException} with a reason a person can act on.
 */
public final class LegacyShopTranslation {

    private LegacyShopTranslation() {
    }

    /** {@code null} for a tombstone (the key-only record Kafka compaction uses after a delete). */
    public static ProductChange product(byte[] value) {
        ChangeEnvelope envelope = ChangeEnvelope.read(value);
        if (envelope == null) {
            return null;
        }
        RowReader row = envelope.row();
        ProductDoc doc = new ProductDoc(
                row.whole("id"), text(row, "sku"), text(row, "name"), text(row, "description"),
                row.whole("price_cents"), row.whole("category_id"), row.whole("version"));
        row.throwIfInvalid();
        if (doc.id() < 1 || doc.id() > Integer.MAX_VALUE) {
            throw new PoisonEventException("product id " + doc.id() + " is outside 1.." + Integer.MAX_VALUE
                    + ", the range the search index holds");
        }
        if (doc.priceCents() < 0) {
            throw new PoisonEventException("price_cents " + doc.priceCents() + " is negative");
        }
        return new ProductChange(doc, envelope.deleted(), envelope.position(), envelope.emittedAtMs());
    }

    public static CategoryChange category(byte[] value) {
        ChangeEnvelope envelope = ChangeEnvelope.read(value);
        if (envelope == null) {
            return null;
        }
        RowReader row = envelope.row();
        Category category = new Category(row.whole("id"), text(row, "name"));
        row.throwIfInvalid();
        return new CategoryChange(category, envelope.deleted(), envelope.position(), envelope.emittedAtMs());
    }

    /** The model holds no nulls: a missing text is reported by the reader and stands as "" meanwhile. */
    private static String text(RowReader row, String column) {
        String text = row.text(column);
        return text == null ? "" : text;
    }
}
