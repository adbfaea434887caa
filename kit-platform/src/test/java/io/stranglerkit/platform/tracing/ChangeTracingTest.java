package io.stranglerkit.platform.tracing;

import brave.handler.MutableSpan;
import io.micrometer.tracing.TraceContext;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChangeTracingTest {

    private static final String TRACE_A = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    private static final String TRACE_B = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    private final TestTracing tracing = new TestTracing();
    private final ChangeTracing changes = new ChangeTracing(tracing.tracer, tracing.propagator);

    @AfterEach
    void close() {
        tracing.close();
    }

    @Test
    void eachTraceInABatchGetsOneApplySpanAsAChildOfThePublishersSpan() {
        List<ConsumerRecord<String, String>> batch = List.of(record(TRACE_A), record(TRACE_A), record(TRACE_B), record(null),
                record("garbage"));
        String result = changes.apply("search feed", batch, () -> "applied");

        assertThat(result).isEqualTo("applied");
        assertThat(tracing.finished).hasSize(2);
        MutableSpan a = span("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(a.parentId()).isEqualTo("00f067aa0ba902b7");
        assertThat(a.name()).isEqualTo("apply");
        assertThat(a.tags()).containsEntry("consumer", "search feed").containsEntry("changes", "2");
        assertThat(span("0af7651916cd43dd8448eb211c80319c").tags()).containsEntry("changes", "1");
    }

    @Test
    void workOfOneTraceRunsInItsScopeSoWhatItWritesCarriesItOn() {
        AtomicReference<TraceContext> during = new AtomicReference<>();
        changes.apply("catalog forward sync", List.of(record(TRACE_A)), () -> {
            during.set(tracing.tracer.currentTraceContext().context());
            return null;
        });
        assertThat(during.get().traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(during.get().parentId()).isEqualTo("00f067aa0ba902b7");

        during.set(null);
        changes.apply("catalog forward sync", List.of(record(TRACE_A), record(TRACE_B)), () -> {
            during.set(tracing.tracer.currentTraceContext().context());
            return null;
        });
        assertThat(during.get()).as("two traces in one transaction: neither is claimed for its writes").isNull();
    }

    @Test
    void recordsWithoutAContextMakeNoSpanAndAFailureIsRecorded() {
        assertThat(changes.apply("search feed", List.of(record(null)), () -> 1)).isEqualTo(1);
        assertThat(tracing.finished).isEmpty();

        assertThatThrownBy(() -> changes.apply("catalog reverse sync", record(TRACE_B), () -> {
            throw new java.sql.SQLException("the shop refused it");
        })).hasMessage("the shop refused it");
        assertThat(tracing.finished).singleElement().satisfies(span -> assertThat(span.error()).hasMessage("the shop refused it"));
    }

    private MutableSpan span(String traceId) {
        return tracing.finished.stream().filter(s -> s.traceId().equals(traceId)).findFirst().orElseThrow();
    }

    private static ConsumerRecord<String, String> record(String traceparent) {
        ConsumerRecord<String, String> record = new ConsumerRecord<>("legacy.shop.product", 0, 0, "k", "v");
        if (traceparent != null) {
            record.headers().add(ChangeTracing.HEADER, traceparent.getBytes(StandardCharsets.US_ASCII));
        }
        return record;
    }
}
