package io.stranglerkit.platform.tracing;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The consumers' half of tracing across CDC: the cdc-bridge puts the {@code traceparent} of its
 * "capture and publish" span on each change record, and a consumer that applies a batch continues
 * every trace in it with one "apply" span. The consumers take whole batches (spring-kafka's own
 * observation is per record), so the spans are made here. Records without a context (a snapshot)
 * get no span.
 */
public class ChangeTracing {

    public static final String HEADER = "traceparent";
    /** Reads a bare {@code traceparent} value as the carrier: what the bridge and the consumers extract from. */
    public static final Propagator.Getter<String> TRACEPARENT = (value, key) -> HEADER.equals(key) ? value : null;

    private final Tracer tracer;
    private final Propagator propagator;

    public ChangeTracing(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /**
     * Runs {@code work} (applying {@code records}) inside one "apply" span per trace context among
     * them. When they all share one context the work runs in its scope, so what it writes carries it on.
     */
    public <T, E extends Exception> T apply(String consumer, List<? extends ConsumerRecord<?, ?>> records, Work<T, E> work) throws E {
        Map<String, Integer> contexts = new LinkedHashMap<>();
        for (ConsumerRecord<?, ?> record : records) {
            String traceparent = traceparentOf(record);
            if (traceparent != null) {
                contexts.merge(traceparent, 1, Integer::sum);
            }
        }
        if (contexts.isEmpty()) {
            return work.run();
        }
        List<Span> spans = new ArrayList<>(contexts.size());
        contexts.forEach((traceparent, changes) -> spans.add(propagator.extract(traceparent, TRACEPARENT)
                .name("apply").tag("consumer", consumer).tag("changes", changes).kind(Span.Kind.CONSUMER).start()));
        try (Tracer.SpanInScope scope = spans.size() == 1 ? tracer.withSpan(spans.get(0)) : null) {
            return work.run();
        } catch (Exception | Error e) {
            spans.forEach(span -> span.error(e));
            throw e;
        } finally {
            spans.forEach(Span::end);
        }
    }

    /** One record's change, applied in the scope of its trace (the reverse sync writes one at a time). */
    public <E extends Exception> void apply(String consumer, ConsumerRecord<?, ?> record, Action<E> work) throws E {
        apply(consumer, List.of(record), () -> {
            work.run();
            return null;
        });
    }

    /** Work that returns what it applied and may throw a checked exception. */
    @FunctionalInterface
    public interface Work<T, E extends Exception> {
        T run() throws E;
    }

    /** Work that may throw a checked exception, such as a JDBC write. */
    @FunctionalInterface
    public interface Action<E extends Exception> {
        void run() throws E;
    }

    /** The record's well-formed {@code traceparent} header, or {@code null}. */
    static String traceparentOf(ConsumerRecord<?, ?> record) {
        Header header = record.headers().lastHeader(HEADER);
        if (header == null || header.value() == null) {
            return null;
        }
        String value = new String(header.value(), StandardCharsets.US_ASCII);
        return TraceComment.valid(value) ? value : null;
    }
}
