package io.stranglerkit.cdc.publish;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import io.stranglerkit.platform.tracing.ChangeTracing;
import io.stranglerkit.platform.tracing.TraceComment;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Continues the writer's trace across the binlog. A write statement ends with its trace context
 * ({@link TraceComment}); with {@code binlog_annotate_row_events} MariaDB logs the statement next to
 * its row events and Debezium hands it over as {@code source.query}. Per batch, each trace gets one
 * "capture and publish" span, from the moment the engine read the first of its events to Kafka's
 * acknowledgement of the last, and each record carries that span's {@code traceparent} header for
 * the consumers. A change without a (well-formed) context starts a trace of its own, one per source
 * transaction; snapshot reads start none.
 */
public class CaptureTracing {

    private static final Propagator.Setter<Headers> HEADERS =
            (headers, key, value) -> headers.add(key, value.getBytes(StandardCharsets.US_ASCII));

    private final Tracer tracer;
    private final Propagator propagator;
    private final boolean publishQuery;

    /** @param publishQuery keep the statement text in the published envelope (it may hold data the topic should not carry) */
    public CaptureTracing(Tracer tracer, Propagator propagator, boolean publishQuery) {
        this.tracer = tracer;
        this.propagator = propagator;
        this.publishQuery = publishQuery;
    }

    public Batch batch() {
        return new Batch();
    }

    /** The spans of one batch, by trace. */
    public final class Batch {

        private final Map<String, Span> spans = new LinkedHashMap<>();
        private final Map<String, Integer> changes = new LinkedHashMap<>();
        /** The context headers of each span, made once: every record of its trace carries the same. */
        private final Map<String, Header[]> contextHeaders = new HashMap<>();
        /** The rows of one statement share its text: the comment is searched for once per statement. */
        private String lastQuery;
        private String lastTraceparent;

        private Batch() {
        }

        /** The headers the record is published with; drops the statement text unless it is to be published. */
        public Headers headersFor(SourceRecord record) {
            if (!(record.value() instanceof Struct value) || value.schema().field("source") == null) {
                return new RecordHeaders(); // a tombstone: its delete carried the trace
            }
            Struct source = value.getStruct("source");
            String query = source.schema().field("query") == null ? null : source.getString("query");
            if (query != null && !publishQuery) {
                source.put("query", null);
            }
            if (!"false".equals(String.valueOf(source.get("snapshot")))) {
                return new RecordHeaders();
            }
            String traceparent = traceparentIn(query);
            String key = traceparent != null ? traceparent : "tx " + transactionOf(source);
            Span span = spans.computeIfAbsent(key, k -> start(traceparent, value, source, record.key()));
            changes.merge(key, 1, Integer::sum);
            return new RecordHeaders(contextHeaders.computeIfAbsent(key, k -> {
                Headers context = new RecordHeaders();
                propagator.inject(span.context(), context, HEADERS);
                return context.toArray();
            }));
        }

        private String traceparentIn(String query) {
            if (query != lastQuery) {
                lastQuery = query;
                lastTraceparent = TraceComment.in(query).orElse(null);
            }
            return lastTraceparent;
        }

        public void end(Throwable error) {
            spans.forEach((key, span) -> {
                span.tag("changes", changes.get(key));
                if (error != null) {
                    span.error(error);
                }
                span.end();
            });
        }

        private Span start(String traceparent, Struct value, Struct source, Object rowKey) {
            Span.Builder builder = traceparent != null ? propagator.extract(traceparent, ChangeTracing.TRACEPARENT) : tracer.spanBuilder().setNoParent();
            Long readAt = value.schema().field("ts_ms") == null ? null : value.getInt64("ts_ms");
            if (readAt != null) {
                builder.startTimestamp(readAt, TimeUnit.MILLISECONDS);
            }
            Long committedAt = source.getInt64("ts_ms");
            builder.name("capture and publish").kind(Span.Kind.PRODUCER)
                    .tag("table", source.getString("db") + "." + source.getString("table"))
                    .tag("binlog", source.getString("file") + ":" + source.get("pos"))
                    .tag("row.key", keyText(rowKey)); // the first row's primary key: find a raw write's trace by it
            if (committedAt != null) {
                // MariaDB stamps binlog events in whole seconds: a tag, not the span's start.
                builder.tag("binlog.committed.at.s", committedAt / 1000);
            }
            return builder.start();
        }
    }

    /** A primary key as its values, comma-separated: {@code 5} for {@code id = 5}. */
    static String keyText(Object key) {
        if (!(key instanceof Struct struct)) {
            return String.valueOf(key);
        }
        return struct.schema().fields().stream().map(f -> String.valueOf(struct.get(f))).collect(Collectors.joining(","));
    }

    /** The source transaction: MariaDB's GTID where the connector reports one, else the binlog file. */
    private static String transactionOf(Struct source) {
        Object gtid = source.schema().field("gtid") == null ? null : source.get("gtid");
        return gtid != null ? gtid.toString() : String.valueOf(source.get("file")) + "@" + source.get("thread");
    }
}
