package io.stranglerkit.platform.kafka;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.stranglerkit.platform.kafka.ConsumerProgress.State;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.internals.AutoOffsetResetStrategy;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.event.ListenerContainerIdleEvent;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class ConsumerProgressTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ConsumerProgress progress = new ConsumerProgress("catalog-forward-sync", meters, "catalog.sync.lag.records",
            "catalog.sync.errors");
    private final TopicPartition partition = new TopicPartition("legacy.shop.product", 0);
    private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>(AutoOffsetResetStrategy.EARLIEST.name());

    @Test
    void withoutPartitionsItWaitsThenCatchesUpThenIsLive() {
        progress.applied(consumer, 0);
        assertThat(progress.state()).isEqualTo(State.WAITING_FOR_PARTITIONS);

        consumer.assign(List.of(partition));
        consumer.updateBeginningOffsets(Map.of(partition, 0L));
        consumer.updateEndOffsets(Map.of(partition, 3L));
        consumer.addRecord(new ConsumerRecord<>(partition.topic(), 0, 0L, null, new byte[0]));
        consumer.poll(Duration.ZERO);
        progress.applied(consumer, 1);
        assertThat(progress.state()).isEqualTo(State.CATCHING_UP);
        assertThat(progress.lagRecords()).isEqualTo(2);
        assertThat(meters.get("catalog.sync.lag.records").gauge().value()).isEqualTo(2.0);

        consumer.addRecord(new ConsumerRecord<>(partition.topic(), 0, 1L, null, new byte[0]));
        consumer.addRecord(new ConsumerRecord<>(partition.topic(), 0, 2L, null, new byte[0]));
        consumer.poll(Duration.ZERO);
        progress.applied(consumer, 2);
        assertThat(progress.state()).isEqualTo(State.LIVE);
        assertThat(progress.received()).isEqualTo(3);
        assertThat(progress.lastAppliedAt()).isNotNull();
    }

    @Test
    void aFailureShowsUntilABatchIsAppliedAndIdleEventsDoNotHideIt() {
        progress.failed(new RuntimeException("batch failed", new RuntimeException("Connection refused")));
        progress.failed(new RuntimeException("again"));
        assertThat(progress.state()).isEqualTo(State.FAILING);
        assertThat(progress.lastError()).isEqualTo("again");
        assertThat(meters.get("catalog.sync.errors").counter().count()).isEqualTo(2.0);
        var firstFailure = progress.failingSince();

        progress.onApplicationEvent(idle("catalog-forward-sync-0"));
        assertThat(progress.state()).isEqualTo(State.FAILING);
        assertThat(progress.failingSince()).isEqualTo(firstFailure);

        progress.applied(consumer, 1);
        assertThat(progress.failingSince()).isNull();
        assertThat(progress.state()).isNotEqualTo(State.FAILING);
    }

    @Test
    void idleEventsOfItsOwnListenerKeepTheLagCurrentAndReportLive() {
        AtomicInteger live = new AtomicInteger();
        progress.whenLive(live::incrementAndGet);
        consumer.assign(List.of(partition));
        consumer.updateEndOffsets(Map.of(partition, 0L));
        consumer.updateBeginningOffsets(Map.of(partition, 0L));
        consumer.poll(Duration.ZERO);

        progress.onApplicationEvent(idle("catalog-reverse-sync-0"));
        assertThat(live).hasValue(0);

        progress.onApplicationEvent(idle("catalog-forward-sync-0"));
        assertThat(progress.state()).isEqualTo(State.LIVE);
        assertThat(progress.lagRecords()).isZero();
        assertThat(live).hasValue(1);
    }

    @Test
    void switchedOffIsNeitherBehindNorUpdatedByIdleEvents() {
        progress.off();
        progress.onApplicationEvent(idle("catalog-forward-sync-0"));

        assertThat(progress.state()).isEqualTo(State.OFF);
        assertThat(progress.state().label()).isEqualTo("off");
        assertThat(progress.lagRecords()).isZero();
    }

    @Test
    void switchedOnAgainReportsItsLagAtTheNextIdleCheck() {
        progress.off();
        progress.on();
        consumer.assign(List.of(partition));
        consumer.updateBeginningOffsets(Map.of(partition, 0L));
        consumer.updateEndOffsets(Map.of(partition, 0L));
        consumer.poll(Duration.ZERO);

        progress.onApplicationEvent(idle("catalog-forward-sync-0"));
        assertThat(progress.state()).isEqualTo(State.LIVE);
    }

    private ListenerContainerIdleEvent idle(String listenerId) {
        return new ListenerContainerIdleEvent(this, this, 1000, listenerId, consumer.assignment(), consumer, false);
    }
}
