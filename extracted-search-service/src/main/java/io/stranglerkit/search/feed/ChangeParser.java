package io.stranglerkit.search.feed;

import io.stranglerkit.search.model.Category;
import io.stranglerkit.search.model.ProductDoc;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the cdc-bridge's Debezium envelopes ({@code before}, {@code after}, {@code source}, {@code op},
 * {@code ts_ms}) into changes. Anything that does not fit the contract is a {@link PoisonEventException}
 * with a reason a person can act on.
 */
public final class ChangeParser {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ChangeParser() {
    }

    /** {@code null} for a tombstone (the key-only record Kafka compaction uses after a delete). */
    public static ProductChange product(byte[] value) {
        JsonNode envelope = envelope(value);
        if (envelope == null) {
            return null;
        }
        boolean deleted = isDelete(envelope);
        Row row = new Row(envelope, deleted ? "before" : "after");
        ProductDoc doc = new ProductDoc(
                row.whole("id"), row.text("sku"), row.text("name"), row.text("description"),
                row.whole("price_cents"), row.whole("category_id"), row.whole("version"));
        row.throwIfInvalid();
        if (doc.id() < 1 || doc.id() > Integer.MAX_VALUE) {
            throw new PoisonEventException("product id " + doc.id() + " is outside 1.." + Integer.MAX_VALUE
                    + ", the range the search index holds");
        }
        if (doc.priceCents() < 0) {
            throw new PoisonEventException("price_cents " + doc.priceCents() + " is negative");
        }
        return new ProductChange(doc, deleted, position(envelope), envelope.path("ts_ms").asLong(0));
    }

    public static CategoryChange category(byte[] value) {
        JsonNode envelope = envelope(value);
        if (envelope == null) {
            return null;
        }
        boolean deleted = isDelete(envelope);
        Row row = new Row(envelope, deleted ? "before" : "after");
        Category category = new Category(row.whole("id"), row.text("name"));
        row.throwIfInvalid();
        return new CategoryChange(category, deleted, position(envelope), envelope.path("ts_ms").asLong(0));
    }

    private static JsonNode envelope(byte[] value) {
        if (value == null) {
            return null;
        }
        JsonNode envelope;
        try {
            envelope = JSON.readTree(value);
        } catch (JacksonException e) {
            throw new PoisonEventException("value is not JSON: " + e.getOriginalMessage() + " (starts with '"
                    + preview(value) + "')");
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
            default -> throw new PoisonEventException("op '" + op + "' is not one of c, u, d, r");
        };
    }

    private static BinlogPosition position(JsonNode envelope) {
        JsonNode source = envelope.path("source");
        String file = source.path("file").asString("");
        if (file.isEmpty() || !source.path("pos").isIntegralNumber()) {
            throw new PoisonEventException("source.file and source.pos are required to order changes");
        }
        try {
            return new BinlogPosition(BinlogPosition.fileNumber(file), source.path("pos").asLong(),
                    source.path("row").asInt(0));
        } catch (IllegalArgumentException e) {
            throw new PoisonEventException(e.getMessage());
        }
    }

    /** Reads the fields of {@code before} or {@code after}, collecting every problem for one clear reason. */
    private static final class Row {
        private final JsonNode node;
        private final String name;
        private final List<String> problems = new ArrayList<>();

        Row(JsonNode envelope, String name) {
            this.node = envelope.path(name);
            this.name = name;
            if (!node.isObject()) {
                throw new PoisonEventException(name + " must be an object with the row, got " + describe(node));
            }
        }

        long whole(String field) {
            JsonNode value = node.path(field);
            if (!value.isIntegralNumber()) {
                problems.add(name + "." + field + " must be a whole number, got " + describe(value));
                return 0;
            }
            return value.asLong();
        }

        String text(String field) {
            JsonNode value = node.path(field);
            if (!value.isString()) {
                problems.add(name + "." + field + " must be a string, got " + describe(value));
                return "";
            }
            return value.asString();
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

    private static String preview(byte[] value) {
        String text = new String(value, 0, Math.min(value.length, 40), StandardCharsets.UTF_8);
        return text.replaceAll("\\p{Cntrl}", "?");
    }
}
