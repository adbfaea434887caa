package io.stranglerkit.platform.cdc;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.nio.charset.StandardCharsets;

/**
 * One Debezium change envelope as the cdc-bridge publishes it ({@code op}, {@code before},
 * {@code after}, {@code source}, {@code ts_ms}): what every consumer reads the same way. What the
 * row's columns mean is each consumer's own translation ({@link #row()} reads them).
 */
public final class ChangeEnvelope {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode envelope;
    private final String op;

    private ChangeEnvelope(JsonNode envelope) {
        this.envelope = envelope;
        this.op = envelope.path("op").asString("");
        if (!op.equals("c") && !op.equals("u") && !op.equals("r") && !op.equals("d")) {
            throw new PoisonEventException("op '" + op + "' is not one of c, u, r, d");
        }
    }

    /** {@code null} for a tombstone (the key-only record Kafka compaction uses after a delete). */
    public static ChangeEnvelope read(byte[] value) {
        if (value == null) {
            return null;
        }
        JsonNode envelope;
        try {
            envelope = JSON.readTree(value);
        } catch (JacksonException e) {
            throw new PoisonEventException("value is not JSON: " + e.getOriginalMessage() + " (starts with '" + preview(value) + "')");
        }
        if (envelope == null || !envelope.isObject()) {
            throw new PoisonEventException("value is not a JSON object");
        }
        return new ChangeEnvelope(envelope);
    }

    /** {@code c} create, {@code u} update, {@code r} read by a snapshot, {@code d} delete. */
    public String op() {
        return op;
    }

    public boolean deleted() {
        return op.equals("d");
    }

    /** The row after the change, or before it for a delete. */
    public RowReader row() {
        return deleted() ? before() : after();
    }

    public RowReader after() {
        return new RowReader(envelope.path("after"), "after");
    }

    public RowReader before() {
        return new RowReader(envelope.path("before"), "before");
    }

    /** Where the change sits in the binlog; required, since consumers order changes by it. */
    public BinlogPosition position() {
        JsonNode source = envelope.path("source");
        if (!source.path("file").isString() || !source.path("pos").isIntegralNumber()) {
            throw new PoisonEventException("source.file and source.pos are required to order changes");
        }
        try {
            return BinlogPosition.of(source.path("file").asString(), source.path("pos").asLong(), source.path("row").asInt(0));
        } catch (IllegalArgumentException e) {
            throw new PoisonEventException(e.getMessage());
        }
    }

    /** When the bridge emitted the event ({@code ts_ms}); 0 when absent. */
    public long emittedAtMs() {
        return envelope.path("ts_ms").asLong(0);
    }

    /**
     * Read by the bridge's first snapshot before its last row: Debezium marks snapshot reads
     * {@code first}, {@code true}, {@code last_in_data_collection} or {@code last}, live changes {@code false}.
     */
    public boolean duringInitialSnapshot() {
        String snapshot = envelope.path("source").path("snapshot").asString("false");
        return snapshot.equals("true") || snapshot.startsWith("first");
    }

    private static String preview(byte[] value) {
        String text = new String(value, 0, Math.min(value.length, 40), StandardCharsets.UTF_8);
        return text.replaceAll("\\p{Cntrl}", "?");
    }
}
