package io.stranglerkit.cdc.publish;

import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.ChangeEvent;
import io.stranglerkit.cdc.status.CaptureMetrics;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.source.SourceRecord;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes each Debezium batch to Kafka and only then tells the engine the batch is processed.
 * The engine stores a binlog offset only for processed events, so an offset never runs ahead of
 * what Kafka has acknowledged: a crash replays (duplicates), it never skips.
 */
public class ChangePublisher implements DebeziumEngine.ChangeConsumer<ChangeEvent<SourceRecord, SourceRecord>> {

    private final Producer<byte[], byte[]> producer;
    private final TopicProvisioner topics;
    private final CaptureMetrics metrics;
    private final Duration ackTimeout;
    private final Set<String> changeTopics;
    private final CaptureTracing tracing;
    private final JsonConverter keyConverter = converter(true);
    private final JsonConverter valueConverter = converter(false);

    /**
     * @param changeTopics the topics of the captured tables; anything else the engine emits (heartbeats,
     *                     the signal table's rows) only moves the offset forward
     */
    public ChangePublisher(Producer<byte[], byte[]> producer, TopicProvisioner topics, CaptureMetrics metrics,
                           Duration ackTimeout, Set<String> changeTopics, CaptureTracing tracing) {
        this.tracing = tracing;
        this.changeTopics = Set.copyOf(changeTopics);
        this.producer = producer;
        this.topics = topics;
        this.metrics = metrics;
        this.ackTimeout = ackTimeout;
    }

    @Override
    public void handleBatch(List<ChangeEvent<SourceRecord, SourceRecord>> events,
                            DebeziumEngine.RecordCommitter<ChangeEvent<SourceRecord, SourceRecord>> committer) throws InterruptedException {
        List<Future<RecordMetadata>> acks = new ArrayList<>(events.size());
        CaptureTracing.Batch spans = tracing.batch();
        try {
            for (ChangeEvent<SourceRecord, SourceRecord> event : events) {
                acks.add(publish(event.value(), spans));
            }
            long deadline = System.nanoTime() + ackTimeout.toNanos();
            for (int i = 0; i < acks.size(); i++) {
                Future<RecordMetadata> ack = acks.get(i);
                if (ack != null) {
                    awaitAck(ack, events.get(i).value(), deadline);
                }
            }
        } catch (InterruptedException | RuntimeException e) {
            spans.end(e);
            throw e;
        }
        spans.end(null);
        // Every event of the batch is in Kafka: now, and only now, its offset may be stored.
        for (ChangeEvent<SourceRecord, SourceRecord> event : events) {
            committer.markProcessed(event);
            metrics.positionReached(event.value().sourceOffset());
        }
        committer.markBatchFinished();
    }

    private Future<RecordMetadata> publish(SourceRecord record, CaptureTracing.Batch spans) throws InterruptedException {
        if (!changeTopics.contains(record.topic())) {
            return null;
        }
        topics.ensure(record.topic());
        Headers headers = spans.headersFor(record); // before the value is converted: it may drop the statement text
        byte[] key = keyConverter.fromConnectData(record.topic(), record.keySchema(), record.key());
        byte[] value = record.value() == null ? null : valueConverter.fromConnectData(record.topic(), record.valueSchema(), record.value());
        ChangeFacts facts = ChangeFacts.of(record);
        long readAt = System.currentTimeMillis();
        return producer.send(new ProducerRecord<>(record.topic(), null, key, value, headers), (metadata, error) -> {
            if (error == null) {
                metrics.published(facts.table(), facts.op(), facts.committedAtMillis(), readAt, System.currentTimeMillis());
            }
        });
    }

    private void awaitAck(Future<RecordMetadata> ack, SourceRecord record, long deadline) throws InterruptedException {
        try {
            ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            metrics.publishFailed();
            // Failing the batch stops the engine before it stores this batch's offsets; the supervisor
            // restarts it from the last stored offset.
            throw new PublishFailedException("Kafka did not accept a change for " + record.topic() + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            metrics.publishFailed();
            throw new PublishFailedException("Kafka did not acknowledge a change for " + record.topic() + " within " + ackTimeout.toSeconds() + " s", e);
        }
    }

    private static JsonConverter converter(boolean isKey) {
        JsonConverter converter = new JsonConverter();
        // Plain Debezium envelopes (before/after/source/op/ts_ms), without the inline Connect schema.
        converter.configure(Map.of("schemas.enable", "false"), isKey);
        return converter;
    }

    /** What the metrics need from one change event; tombstones carry only their topic. */
    record ChangeFacts(String table, String op, long committedAtMillis) {

        static ChangeFacts of(SourceRecord record) {
            if (!(record.value() instanceof Struct value) || value.schema().field("source") == null) {
                String topic = record.topic();
                return new ChangeFacts(topic.substring(topic.indexOf('.') + 1), "tombstone", -1);
            }
            Struct source = value.getStruct("source");
            String table = source.getString("db") + "." + source.getString("table");
            Long committedAt = source.getInt64("ts_ms");
            return new ChangeFacts(table, value.getString("op"), committedAt == null ? -1 : committedAt);
        }
    }

    public static class PublishFailedException extends RuntimeException {
        public PublishFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
