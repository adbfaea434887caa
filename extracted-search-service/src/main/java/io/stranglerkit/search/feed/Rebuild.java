package io.stranglerkit.search.feed;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A rebuild in progress: a group-less consumer replays the compacted change topics from the
 * beginning up to the end offsets seen when the rebuild started, into the NEXT tables. Changes that
 * arrive later reach the NEXT tables through the live feed, which writes both sets meanwhile.
 */
final class Rebuild implements AutoCloseable {

    /** What /status and the admin endpoint show. */
    public record Progress(String state, Instant startedAt, Instant finishedAt, long replayed, long toReplay,
                           long skippedPoison, String error) {
    }

    private final Consumer<byte[], byte[]> replay;
    private final Map<TopicPartition, Long> endOffsets;
    private final long toReplay;
    private final Instant startedAt = Instant.now();
    private long replayed;
    private long skippedPoison;

    Rebuild(Consumer<byte[], byte[]> replay, List<TopicPartition> partitions) {
        this.replay = replay;
        replay.assign(partitions);
        replay.seekToBeginning(partitions);
        Map<TopicPartition, Long> beginning = replay.beginningOffsets(partitions);
        this.endOffsets = replay.endOffsets(partitions);
        this.toReplay = partitions.stream().mapToLong(tp -> endOffsets.get(tp) - beginning.get(tp)).sum();
    }

    ConsumerRecords<byte[], byte[]> poll() {
        ConsumerRecords<byte[], byte[]> records = replay.poll(Duration.ofMillis(50));
        replayed += records.count();
        return records;
    }

    void skipped(int poison) {
        skippedPoison += poison;
    }

    boolean caughtUp() {
        return endOffsets.entrySet().stream().allMatch(e -> replay.position(e.getKey()) >= e.getValue());
    }

    Progress progress(String state, Instant finishedAt, String error) {
        return new Progress(state, startedAt, finishedAt, Math.min(replayed, toReplay), toReplay, skippedPoison, error);
    }

    @Override
    public void close() {
        replay.close(Duration.ofSeconds(5));
    }
}
