package io.stranglerkit.search.feed;

import io.stranglerkit.search.config.SearchProperties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends events that cannot be applied to the dead-letter topic: the original key and value, and in
 * headers the reason and where the event came from ({@code dlq.reason}, {@code dlq.topic},
 * {@code dlq.partition}, {@code dlq.offset}, {@code dlq.failed-at}). The send is acknowledged before
 * the feed commits past the event, so a poison event is never simply lost.
 */
public class DeadLetters implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    private final String topic;
    private final Producer<byte[], byte[]> producer;
    private final String bootstrapServers;
    private volatile boolean topicReady;

    public DeadLetters(SearchProperties properties) {
        this.topic = properties.deadLetterTopic();
        this.bootstrapServers = properties.kafkaBootstrapServers();
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.CLIENT_ID_CONFIG, "search-dead-letters",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 15000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30000,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
    }

    public String topic() {
        return topic;
    }

    public void send(ConsumerRecord<byte[], byte[]> poison, String reason) throws InterruptedException {
        ensureTopic();
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

    /**
     * Creates the topic before the first send and waits for its partition leaders: an idempotent
     * producer that writes to a partition whose leader is not known yet keeps failing.
     */
    private void ensureTopic() throws InterruptedException {
        if (topicReady) {
            return;
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            try {
                admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("cannot create the dead-letter topic " + topic + ": " + e.getCause().getMessage());
                }
            } catch (TimeoutException e) {
                throw new IllegalStateException("Kafka did not answer within 30 s while creating " + topic);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline) {
                try {
                    var description = admin.describeTopics(List.of(topic)).allTopicNames().get(5, TimeUnit.SECONDS).get(topic);
                    if (description.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty())) {
                        topicReady = true;
                        return;
                    }
                } catch (ExecutionException | TimeoutException notYet) {
                    // metadata not propagated yet
                }
                Thread.sleep(50);
            }
            throw new IllegalStateException("the dead-letter topic " + topic + " has no leader after 30 s");
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
