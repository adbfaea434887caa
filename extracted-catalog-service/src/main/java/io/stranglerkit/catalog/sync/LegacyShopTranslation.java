package io.stranglerkit.catalog.sync;

import io.stranglerkit.platform.cdc.ChangeEnvelope;
import io.stranglerkit.platform.cdc.PoisonEventException;
import io.stranglerkit.platform.cdc.RowReader;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * The anti-corruption layer, monolith to catalog: reads the cdc-bridge's Debezium envelopes of the
 * shop's tables and turns the legacy columns into the catalog's model ({@code price_cents} becomes a
 * decimal {@code price}, the envelope is read by kit-platform's {@link ChangeEnvelope}). With
 * {@link ShopProducts}, which reads and writes the shop's rows for the reverse sync, the only place in
 * this service that knows a shop column name. The opposite direction is {@link CatalogToShopTranslation}.
 */
public final class LegacyShopTranslation {

    private LegacyShopTranslation() {
    }

    /** {@code null} for a tombstone (the key-only record compaction uses after a delete). */
    public static ShopChange.Product product(byte[] value) {
        ChangeEnvelope envelope = ChangeEnvelope.read(value);
        if (envelope == null) {
            return null;
        }
        RowReader row = envelope.row();
        long id = row.whole("id");
        String sku = row.text("sku");
        String name = row.text("name");
        String description = row.text("description");
        long priceCents = row.whole("price_cents");
        long categoryId = row.whole("category_id");
        long version = row.whole("version");
        Instant updatedAt = row.instant("updated_at");
        row.throwIfInvalid();
        if (priceCents < 0) {
            throw new PoisonEventException("price_cents " + priceCents + " is negative");
        }
        ProductState state = new ProductState(id, sku, name, description, BigDecimal.valueOf(priceCents, 2),
                categoryId, version, updatedAt);
        return new ShopChange.Product(state, envelope.deleted(), envelope.position(), envelope.emittedAtMs(),
                envelope.duringInitialSnapshot());
    }

    public static ShopChange.Category category(byte[] value) {
        ChangeEnvelope envelope = ChangeEnvelope.read(value);
        if (envelope == null) {
            return null;
        }
        RowReader row = envelope.row();
        long id = row.whole("id");
        String name = row.text("name");
        Long parentId = row.optionalWhole("parent_id");
        row.throwIfInvalid();
        return new ShopChange.Category(id, name, parentId, envelope.deleted(), envelope.position(), envelope.emittedAtMs());
    }

    public static ShopChange.OrderLine orderLine(byte[] value) {
        ChangeEnvelope envelope = ChangeEnvelope.read(value);
        if (envelope == null) {
            return null;
        }
        RowReader row = envelope.row();
        long orderId = row.whole("order_id");
        long productId = row.whole("product_id");
        row.throwIfInvalid();
        return new ShopChange.OrderLine(orderId, productId, envelope.deleted(), envelope.position(), envelope.emittedAtMs());
    }
}
