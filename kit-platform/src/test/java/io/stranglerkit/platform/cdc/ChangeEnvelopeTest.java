package io.stranglerkit.platform.cdc;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChangeEnvelopeTest {

    private static final String ROW = """
            {"id":42,"name":"Oak chair","parent_id":null,"price":"45.99","updated_at":"2026-11-22T21:12:02.117Z"}""";
    private static final String SOURCE = """
            {"file":"binlog.000015","pos":48211,"row":2,"snapshot":"%s"}""";

    @Test
    void readsTheRowPositionAndTimeOfAChange() {
        ChangeEnvelope envelope = read("u", ROW, "null", "false");
        assertThat(envelope.deleted()).isFalse();
        assertThat(envelope.position()).isEqualTo(new BinlogPosition(15, 48211, 2));
        assertThat(envelope.emittedAtMs()).isEqualTo(1795381922131L);
        assertThat(envelope.duringInitialSnapshot()).isFalse();
        RowReader row = envelope.row();
        assertThat(row.whole("id")).isEqualTo(42);
        assertThat(row.text("name")).isEqualTo("Oak chair");
        assertThat(row.optionalWhole("parent_id")).isNull();
        assertThat(row.decimal("price")).isEqualByComparingTo(new BigDecimal("45.99"));
        assertThat(row.instant("updated_at")).isEqualTo(Instant.parse("2026-11-22T21:12:02.117Z"));
        row.throwIfInvalid();
    }

    @Test
    void aDeleteReadsTheRowBeforeItAndATombstoneIsNothing() {
        ChangeEnvelope delete = read("d", "null", ROW, "false");
        assertThat(delete.deleted()).isTrue();
        assertThat(delete.row().whole("id")).isEqualTo(42);
        assertThat(ChangeEnvelope.read(null)).isNull();
    }

    @Test
    void snapshotReadsBeforeTheLastRowAreMarked() {
        assertThat(read("r", ROW, "null", "true").duringInitialSnapshot()).isTrue();
        assertThat(read("r", ROW, "null", "first").duringInitialSnapshot()).isTrue();
        assertThat(read("r", ROW, "null", "last_in_data_collection").duringInitialSnapshot()).isFalse();
        assertThat(read("r", ROW, "null", "last").duringInitialSnapshot()).isFalse();
    }

    @Test
    void namesEveryProblemOfABadEventAtOnce() {
        assertThatThrownBy(() -> ChangeEnvelope.read("not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(PoisonEventException.class).hasMessageStartingWith("value is not JSON");
        assertThatThrownBy(() -> read("x", ROW, "null", "false")).hasMessage("op 'x' is not one of c, u, r, d");
        assertThatThrownBy(() -> read("c", "null", "null", "false").row()).hasMessage("after must be an object with the row, got null null");
        RowReader row = read("c", """
                {"id":"x","name":7,"updated_at":"yesterday"}""", "null", "false").row();
        row.whole("id");
        row.text("name");
        row.instant("updated_at");
        row.text("missing");
        assertThatThrownBy(row::throwIfInvalid).isInstanceOf(PoisonEventException.class)
                .hasMessage("after.id must be a whole number, got string \"x\"; after.name must be a string, got number 7; "
                        + "after.updated_at must be an ISO-8601 instant, got 'yesterday'; after.missing must be a string, got nothing");
        assertThatThrownBy(() -> ChangeEnvelope.read("{\"op\":\"c\",\"after\":{}}".getBytes(StandardCharsets.UTF_8)).position())
                .hasMessage("source.file and source.pos are required to order changes");
    }

    private static ChangeEnvelope read(String op, String after, String before, String snapshot) {
        String json = "{\"before\":" + before + ",\"after\":" + after + ",\"source\":" + SOURCE.formatted(snapshot)
                + ",\"op\":\"" + op + "\",\"ts_ms\":1795381922131}";
        return ChangeEnvelope.read(json.getBytes(StandardCharsets.UTF_8));
    }
}
