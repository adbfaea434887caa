package io.stranglerkit.catalog.sync;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Changes that can never be applied go to the dead-letter topic with the reason and their origin in
 * headers ({@code dlq.reason}, {@code dlq.topic}, {@code dlq.partition}, {@code dlq.offset}). The send
 * is acknowledged before the feed commits past the change, so nothing is lost silently.
 */
class DeadLetters implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    private final String topic;
    private final Producer<byte[], byte[]> producer;

    DeadLetters(String bootstrapServers, String topic) {
        this.topic = topic;
        // Not idempotent: the topic is created on first use, and an idempotent producer keeps failing
        // on a partition whose leader is not known yet.
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.CLIENT_ID_CONFIG, "catalog-dead-letters",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 15000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30000,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
    }

    void send(ConsumerRecord<byte[], byte[]> poison, String reason) throws InterruptedException {
        ProducerRecord<byte[], byte[]> letter = new ProducerRecord<>(topic, poison.key(), poison.value());
        letter.headers()
                .add("dlq.reason", utf8(reason))
                .add("dlq.topic", utf8(poison.topic()))
                .add("dlq.partition", utf8(String.valueOf(poison.partition())))
                .add("dlq.offset", utf8(String.valueOf(poison.offset())))
                .add("dlq.failed-at", utf8(Instant.now().toString()));
        try {
            producer.send(letter).get(40, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot write to the dead-letter topic " + topic + ": " + e.getMessage(), e);
        }
        log.warn("dead-lettered {}-{}@{} to {}: {}", poison.topic(), poison.partition(), poison.offset(), topic, reason);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
