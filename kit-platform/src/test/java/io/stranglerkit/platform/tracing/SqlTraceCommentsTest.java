package io.stranglerkit.platform.tracing;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

import static org.assertj.core.api.Assertions.assertThat;

class SqlTraceCommentsTest {

    private final TestTracing tracing = new TestTracing();
    private final SqlTraceComments comments = new SqlTraceComments(new StaticListableBeanFactory(
            java.util.Map.of("tracer", tracing.tracer)).getBeanProvider(Tracer.class));

    @AfterEach
    void close() {
        tracing.close();
    }

    @Test
    void writesInASpanEndWithItsContext() {
        Span span = tracing.tracer.nextSpan().name("http put").start();
        try (Tracer.SpanInScope scope = tracing.tracer.withSpan(span)) {
            String update = comments.withContext("UPDATE product SET name = ? WHERE id = ?");
            assertThat(TraceComment.in(update)).contains("00-" + span.context().traceId() + "-" + span.context().spanId() + "-01");
            assertThat(comments.withContext("  insert into product values (?)")).contains("/*traceparent=");
            assertThat(comments.withContext("DELETE FROM product WHERE id = ?")).contains("/*traceparent=");
            assertThat(comments.withContext("SELECT * FROM product WHERE id = ?")).as("reads are left alone")
                    .isEqualTo("SELECT * FROM product WHERE id = ?");
            assertThat(comments.withContext("UPDATED_AT_CHECK")).isEqualTo("UPDATED_AT_CHECK");
        } finally {
            span.end();
        }
    }

    @Test
    void writesOutsideASpanAreLeftAlone() {
        assertThat(comments.withContext("UPDATE product SET name = ? WHERE id = ?")).isEqualTo("UPDATE product SET name = ? WHERE id = ?");
    }
}
