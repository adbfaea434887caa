package io.stranglerkit.search.feed;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.listener.ConsumerSeekAware.ConsumerSeekCallback;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Per topic partition, the next offset the live index has taken ({@code topic:partition} -> offset).
 * Each index commit records them; after a restart the feed reads from there rather than from the
 * consumer group's offsets, which can be ahead of the index's last commit after a crash.
 */
@Component
public class AppliedOffsets {

    private final Map<String, Long> next = new ConcurrentHashMap<>();
    private final AtomicLong replayed = new AtomicLong();
    private volatile Map<String, Long> resumedFrom = Map.of();

    /** The offsets the index was committed with (empty: follow the consumer group). */
    public void resumeFrom(Map<String, Long> committed) {
        next.clear();
        next.putAll(committed);
        resumedFrom = Map.copyOf(committed);
    }

    void applied(List<ConsumerRecord<byte[], byte[]>> records) {
        records.forEach(this::passed);
    }

    /** The feed is past this record: applied, or sent to the dead-letter topic. */
    void passed(ConsumerRecord<?, ?> record) {
        next.merge(key(record.topic(), record.partition()), record.offset() + 1, Math::max);
    }

    /** On assignment, the feed seeks where the index left off; what lies between is read again and counted. */
    void seekOnAssignment(Map<TopicPartition, Long> positions, ConsumerSeekCallback callback) {
        positions.forEach((partition, position) -> {
            Long wanted = next.get(key(partition.topic(), partition.partition()));
            if (wanted != null && !wanted.equals(position)) {
                callback.seek(partition.topic(), partition.partition(), wanted);
                if (position != null && position > wanted) {
                    replayed.addAndGet(position - wanted);
                }
            }
        });
    }

    public Map<String, Long> snapshot() {
        return Map.copyOf(next);
    }

    public Map<String, Long> resumedFrom() {
        return resumedFrom;
    }

    /** Records read again since the start because the index was behind the consumer group. */
    public long replayed() {
        return replayed.get();
    }

    private static String key(String topic, int partition) {
        return topic + ":" + partition;
    }
}
