package io.stranglerkit.kit.bench;

import io.stranglerkit.kit.KitException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/** Follows the change topic from its end and notes when each bench row's create event arrives. */
final class ChangeWatcher implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final KafkaConsumer<String, String> consumer;
    private final String run;
    private final Map<String, Long> firstSeen = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> duplicates = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> lastSeen = new ConcurrentHashMap<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;

    ChangeWatcher(String bootstrap, String topic, String run) {
        this.run = run;
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class));
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(15)).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        if (partitions.isEmpty()) {
            consumer.close();
            throw new KitException("topic " + topic + " does not exist", "is the cdc-bridge running and past its snapshot? see ./kit status");
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // fix the start before any bench row is written
        thread = new Thread(this::follow, "cdc-bench-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    private void follow() {
        while (running.get()) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(20))) {
                long now = System.nanoTime();
                if (record.value() == null || !record.value().contains(run)) {
                    continue;
                }
                JsonNode change = JSON.readTree(record.value());
                if (!"c".equals(change.path("op").asString())) {
                    continue;
                }
                String sku = change.path("after").path("sku").asString();
                String prefix = sku.substring(0, sku.lastIndexOf(run) + run.length() + 1);
                AtomicLong tally = firstSeen.putIfAbsent(sku, now) == null ? counts.computeIfAbsent(prefix, k -> new AtomicLong())
                        : duplicates.computeIfAbsent(prefix, k -> new AtomicLong());
                tally.incrementAndGet();
                lastSeen.computeIfAbsent(prefix, k -> new AtomicLong()).set(now);
            }
        }
    }

    void awaitAll(String prefix, long expected, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (count(prefix) < expected && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    Long seenAt(String sku) {
        return firstSeen.get(sku);
    }

    long count(String prefix) {
        AtomicLong n = counts.get(prefix);
        return n == null ? 0 : n.get();
    }

    long duplicates(String prefix) {
        AtomicLong n = duplicates.get(prefix);
        return n == null ? 0 : n.get();
    }

    long lastSeenAt(String prefix) {
        AtomicLong t = lastSeen.get(prefix);
        return t == null ? System.nanoTime() : t.get();
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.join(5_000);
        consumer.close();
    }
}
