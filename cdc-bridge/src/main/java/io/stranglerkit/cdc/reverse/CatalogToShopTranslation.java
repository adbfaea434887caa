package io.stranglerkit.cdc.reverse;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The anti-corruption layer, catalog to monolith: reads the Debezium envelopes of the catalog's
 * {@code product} table and maps the catalog's model back to the shop's columns (decimal
 * {@code price} to whole {@code price_cents}, a tombstone's {@code deleted_at} to a row delete).
 * Nothing else in the bridge knows a catalog column name. The opposite direction lives in the catalog
 * service ({@code sync/LegacyShopTranslation}).
 */
public final class CatalogToShopTranslation {

    private static final ObjectMapper JSON = new ObjectMapper();

    private CatalogToShopTranslation() {
    }

    /** {@code null} for a tombstone record or a hard delete (the catalog never hard-deletes a product). */
    public static CatalogChange translate(byte[] value) {
        if (value == null) {
            return null;
        }
        JsonNode envelope;
        try {
            envelope = JSON.readTree(value);
        } catch (JacksonException e) {
            throw new UnusableChangeException("value is not JSON: " + e.getOriginalMessage());
        }
        String op = envelope.path("op").asString("");
        if (op.equals("d")) {
            return null;
        }
        if (!List.of("c", "u", "r").contains(op)) {
            throw new UnusableChangeException("op '" + op + "' is not one of c, u, r, d");
        }
        JsonNode after = envelope.path("after");
        if (!after.isObject()) {
            throw new UnusableChangeException("after is missing");
        }
        List<String> problems = new ArrayList<>();
        long id = whole(after, "id", problems);
        long categoryId = whole(after, "category_id", problems);
        long version = whole(after, "version", problems);
        String name = text(after, "name", problems);
        String description = text(after, "description", problems);
        String writtenBy = text(after, "written_by", problems);
        long priceCents = cents(after.path("price"), problems);
        Instant updatedAt = instant(after.path("updated_at"), "updated_at", problems);
        boolean deleted = !after.path("deleted_at").isNull() && !after.path("deleted_at").isMissingNode();
        String sku = after.path("sku").isString() ? after.path("sku").asString() : null;
        if (sku == null && !deleted) {
            problems.add("after.sku must be a string on a live product");
        }
        if (!problems.isEmpty()) {
            throw new UnusableChangeException(String.join("; ", problems));
        }
        return new CatalogChange(new ShopRow(id, sku, name, description, priceCents, categoryId, version, updatedAt),
                deleted, "catalog".equals(writtenBy), !op.equals("u"));
    }

    /** {@code DECIMAL(10,2)} arrives as a string ({@code decimal.handling.mode=string}). */
    private static long cents(JsonNode price, List<String> problems) {
        try {
            return new BigDecimal(price.asString()).movePointRight(2).longValueExact();
        } catch (RuntimeException e) {
            problems.add("after.price must be a decimal with at most two places, got " + price);
            return 0;
        }
    }

    private static long whole(JsonNode row, String field, List<String> problems) {
        JsonNode value = row.path(field);
        if (!value.isIntegralNumber()) {
            problems.add("after." + field + " must be a whole number, got " + value);
            return 0;
        }
        return value.asLong();
    }

    private static String text(JsonNode row, String field, List<String> problems) {
        JsonNode value = row.path(field);
        if (!value.isString()) {
            problems.add("after." + field + " must be a string, got " + value);
            return null;
        }
        return value.asString();
    }

    private static Instant instant(JsonNode value, String field, List<String> problems) {
        try {
            return Instant.parse(value.asString());
        } catch (RuntimeException e) {
            problems.add("after." + field + " must be an ISO-8601 instant, got " + value);
            return null;
        }
    }

    public static class UnusableChangeException extends RuntimeException {
        public UnusableChangeException(String reason) {
            super(reason);
        }
    }
}
