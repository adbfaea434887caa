package io.stranglerkit.cdc.support;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static org.awaitility.Awaitility.await;

/** Reads a change topic from the beginning, as any consumer of the bridge would, and keeps what it saw. */
public final class TopicReader implements AutoCloseable {

    public record Change(String key, JsonNode value, int partition, long offset) {
        public boolean tombstone() {
            return value == null;
        }

        public String op() {
            return value == null ? null : value.path("op").asString();
        }

        public JsonNode after() {
            return value.path("after");
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final KafkaConsumer<String, String> consumer;
    private final List<Change> seen = new ArrayList<>();

    public TopicReader(String bootstrapServers, String topic) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class));
        consumer.subscribe(List.of(topic));
    }

    /** Polls until {@code done} holds for everything seen so far, or fails after {@code within}. */
    public List<Change> until(Duration within, Predicate<List<Change>> done) {
        await().atMost(within).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(10)).until(() -> {
            poll();
            return done.test(seen);
        });
        return List.copyOf(seen);
    }

    public List<Change> poll() {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
            seen.add(new Change(r.key(), r.value() == null ? null : JSON.readTree(r.value()), r.partition(), r.offset()));
        }
        return List.copyOf(seen);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
