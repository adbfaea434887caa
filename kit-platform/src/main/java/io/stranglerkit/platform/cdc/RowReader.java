package io.stranglerkit.platform.cdc;

import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the columns of an envelope's {@code before} or {@code after}, collecting every problem, so one
 * dead letter names them all ({@link #throwIfInvalid()}).
 */
public final class RowReader {

    private final JsonNode node;
    private final String side;
    private final List<String> problems = new ArrayList<>();

    RowReader(JsonNode node, String side) {
        this.node = node;
        this.side = side;
        if (!node.isObject()) {
            throw new PoisonEventException(side + " must be an object with the row, got " + describe(node));
        }
    }

    public long whole(String column) {
        JsonNode value = node.path(column);
        if (!value.isIntegralNumber()) {
            problems.add(side + "." + column + " must be a whole number, got " + describe(value));
            return 0;
        }
        return value.asLong();
    }

    /** A whole number, or {@code null} when the column is null. */
    public Long optionalWhole(String column) {
        return isNull(column) ? null : whole(column);
    }

    public String text(String column) {
        JsonNode value = node.path(column);
        if (!value.isString()) {
            problems.add(side + "." + column + " must be a string, got " + describe(value));
            return null;
        }
        return value.asString();
    }

    /** A string, or {@code null} when the column is null. */
    public String optionalText(String column) {
        return isNull(column) ? null : text(column);
    }

    /** An ISO-8601 instant (Debezium's {@code time.precision.mode=connect} with the bridge's converter). */
    public Instant instant(String column) {
        String text = text(column);
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            problems.add(side + "." + column + " must be an ISO-8601 instant, got '" + text + "'");
            return null;
        }
    }

    /** A {@code DECIMAL} column, which arrives as a string ({@code decimal.handling.mode=string}). */
    public BigDecimal decimal(String column) {
        String text = text(column);
        if (text == null) {
            return null;
        }
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            problems.add(side + "." + column + " must be a decimal, got '" + text + "'");
            return null;
        }
    }

    public boolean isNull(String column) {
        JsonNode value = node.path(column);
        return value.isNull() || value.isMissingNode();
    }

    /** Adds a problem the caller found in the row's values (e.g. a negative price). */
    public void problem(String reason) {
        problems.add(reason);
    }

    public void throwIfInvalid() {
        if (!problems.isEmpty()) {
            throw new PoisonEventException(String.join("; ", problems));
        }
    }

    private static String describe(JsonNode value) {
        return value.isMissingNode() ? "nothing" : value.getNodeType().name().toLowerCase() + " " + value;
    }
}
