package io.stranglerkit.platform.tracing;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TraceCommentTest {

    private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @Test
    void aCommentAppendedToAStatementIsReadBack() {
        String statement = "UPDATE product SET name = 'Oak chair' WHERE id = 5" + TraceComment.of(TRACEPARENT);
        assertThat(statement).endsWith(" /*traceparent='" + TRACEPARENT + "'*/");
        assertThat(TraceComment.in(statement)).contains(TRACEPARENT);
        assertThat(TraceComment.in(statement + " ;\n")).contains(TRACEPARENT);
    }

    @Test
    void onlyAWellFormedCommentThatEndsTheStatementCounts() {
        String comment = "/*traceparent='" + TRACEPARENT + "'*/";
        // in a string literal: the statement ends with the literal's quote
        assertThat(TraceComment.in("UPDATE product SET name = 'x " + comment + "' WHERE id = 7")).isEmpty();
        assertThat(TraceComment.in("UPDATE product SET name = 'x " + comment + "'")).isEmpty();
        // followed by more SQL
        assertThat(TraceComment.in("UPDATE product SET price_cents = 1 " + comment + " WHERE id = 11")).isEmpty();
        // closed early: the text after the first */ is no traceparent comment
        assertThat(TraceComment.in("UPDATE product SET price_cents = 1 WHERE id = 13 /*traceparent='*/ /*" + TRACEPARENT + "'*/")).isEmpty();
        assertThat(TraceComment.in("DELETE FROM product WHERE id = 1 /*traceparent='garbage'*/")).isEmpty();
        assertThat(TraceComment.in("DELETE FROM product WHERE id = 1 /*traceparent='" + TRACEPARENT.toUpperCase() + "'*/")).isEmpty();
        assertThat(TraceComment.in("DELETE FROM product WHERE id = 1 /*traceparent='00-" + "0".repeat(32) + "-00f067aa0ba902b7-01'*/"))
                .isEmpty();
        assertThat(TraceComment.in("DELETE FROM product WHERE id = 1 /*traceparent='01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01'*/"))
                .as("only version 00 is understood").isEmpty();
        assertThat(TraceComment.in(null)).isEmpty();
        assertThat(TraceComment.in("")).isEmpty();
    }

    @Test
    void aLongStatementIsReadFromItsEnd() {
        String statement = "INSERT INTO product VALUES " + "(1, 'x'),".repeat(50_000) + "(2, 'y')" + TraceComment.of(TRACEPARENT);
        assertThat(TraceComment.in(statement)).contains(TRACEPARENT);
    }

    @Test
    void onlyAValidContextIsWritten() {
        assertThatThrownBy(() -> TraceComment.of("00-abc-def-01")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TraceComment.of("x'*/ DROP TABLE product; /*")).isInstanceOf(IllegalArgumentException.class);
        assertThat(TraceComment.traceparent("a3ce929d0e0e4736", "f067aa0ba902b7", true))
                .isEqualTo("00-0000000000000000a3ce929d0e0e4736-00f067aa0ba902b7-01");
        assertThat(TraceComment.traceparent("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", false)).endsWith("-00");
    }
}
