package io.stranglerkit.catalog.sync;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The anti-corruption layer, monolith to catalog: reads the cdc-bridge's Debezium envelopes of the
 * shop's tables and turns the legacy columns into the catalog's model ({@code price_cents} becomes a
 * decimal {@code price}, the binlog coordinates become a {@link SourcePosition}). Nothing else in this
 * service knows a shop column name. The opposite direction lives in the cdc-bridge
 * ({@code reverse/CatalogToShopTranslation}).
 */
public final class LegacyShopTranslation {

    private static final ObjectMapper JSON = new ObjectMapper();

    private LegacyShopTranslation() {
    }

    /** {@code null} for a tombstone (the key-only record compaction uses after a delete). */
    public static ShopChange.Product product(byte[] value) {
        Row row = Row.of(value);
        if (row == null) {
            return null;
        }
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
        // Debezium marks snapshot reads first / true / last_in_data_collection / last; live changes false.
        String snapshot = row.envelope.path("source").path("snapshot").asString("false");
        boolean duringInitialSnapshot = snapshot.equals("true") || snapshot.startsWith("first");
        return new ShopChange.Product(state, row.deleted, row.position(), row.emittedAtMs(), duringInitialSnapshot);
    }

    public static ShopChange.Category category(byte[] value) {
        Row row = Row.of(value);
        if (row == null) {
            return null;
        }
        long id = row.whole("id");
        String name = row.text("name");
        Long parentId = row.optionalWhole("parent_id");
        row.throwIfInvalid();
        return new ShopChange.Category(id, name, parentId, row.deleted, row.position(), row.emittedAtMs());
    }

    public static ShopChange.OrderLine orderLine(byte[] value) {
        Row row = Row.of(value);
        if (row == null) {
            return null;
        }
        long orderId = row.whole("order_id");
        long productId = row.whole("product_id");
        row.throwIfInvalid();
        return new ShopChange.OrderLine(orderId, productId, row.deleted, row.position(), row.emittedAtMs());
    }

    private static JsonNode envelope(byte[] value) {
        if (value == null) {
            return null;
        }
        JsonNode envelope;
        try {
            envelope = JSON.readTree(value);
        } catch (JacksonException e) {
            throw new PoisonEventException("value is not JSON: " + e.getOriginalMessage());
        }
        if (envelope == null || !envelope.isObject()) {
            throw new PoisonEventException("value is not a JSON object");
        }
        return envelope;
    }

    private static boolean isDelete(JsonNode envelope) {
        String op = envelope.path("op").asString("");
        return switch (op) {
            case "c", "u", "r" -> false;
            case "d" -> true;
            default -> throw new PoisonEventException("op '" + op + "' is not one of c, u, r, d");
        };
    }

    private static SourcePosition position(JsonNode envelope) {
        JsonNode source = envelope.path("source");
        if (!source.path("file").isString() || !source.path("pos").canConvertToLong()) {
            throw new PoisonEventException("source.file and source.pos are required to order changes");
        }
        return new SourcePosition(source.path("file").asString(), source.path("pos").asLong(), source.path("row").asInt(0));
    }

    /** The row of one change (after it, or before a delete); collects every problem, so one dead letter names them all. */
    private static final class Row {
        private final JsonNode envelope;
        private final boolean deleted;
        private final JsonNode node;
        private final String side;
        private final List<String> problems = new ArrayList<>();

        /** {@code null} for a tombstone. */
        static Row of(byte[] value) {
            JsonNode envelope = envelope(value);
            return envelope == null ? null : new Row(envelope);
        }

        private Row(JsonNode envelope) {
            this.envelope = envelope;
            this.deleted = isDelete(envelope);
            this.side = deleted ? "before" : "after";
            this.node = envelope.path(side);
            if (!node.isObject()) {
                throw new PoisonEventException(side + " is missing");
            }
        }

        SourcePosition position() {
            return LegacyShopTranslation.position(envelope);
        }

        long emittedAtMs() {
            return envelope.path("ts_ms").asLong(0);
        }

        long whole(String field) {
            JsonNode value = node.path(field);
            if (!value.isIntegralNumber()) {
                problems.add(side + "." + field + " must be a whole number, got " + describe(value));
                return 0;
            }
            return value.asLong();
        }

        Long optionalWhole(String field) {
            JsonNode value = node.path(field);
            return value.isNull() || value.isMissingNode() ? null : whole(field);
        }

        String text(String field) {
            JsonNode value = node.path(field);
            if (!value.isString()) {
                problems.add(side + "." + field + " must be a string, got " + describe(value));
                return null;
            }
            return value.asString();
        }

        Instant instant(String field) {
            String text = text(field);
            if (text == null) {
                return null;
            }
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                problems.add(side + "." + field + " must be an ISO-8601 instant, got '" + text + "'");
                return null;
            }
        }

        void throwIfInvalid() {
            if (!problems.isEmpty()) {
                throw new PoisonEventException(String.join("; ", problems));
            }
        }

        private static String describe(JsonNode value) {
            return value.isMissingNode() ? "nothing" : value.getNodeType().name().toLowerCase() + " " + value;
        }
    }
}
