package io.stranglerkit.platform.kafka;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.springframework.context.ApplicationListener;
import org.springframework.kafka.event.ListenerContainerIdleEvent;

import java.time.Instant;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What one change consumer shows on {@code /status} and health: its state, how many records it is
 * behind, what it received and dead-lettered, and its last failure. The listener reports each batch
 * ({@link #applied}) and each failure ({@link #failed}); while no records arrive, the container's
 * idle events (published on the consumer thread, so the consumer may be asked) keep the lag current.
 * Declare one as a bean per listener, named by the listener's id.
 */
public class ConsumerProgress implements ApplicationListener<ListenerContainerIdleEvent> {

    public enum State {
        STOPPED, WAITING_FOR_PARTITIONS, CATCHING_UP, LIVE, FAILING, OFF;

        /** As shown on /status: {@code catching-up}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    private final String listenerId;
    private final Counter errors;
    private final AtomicLong lagRecords = new AtomicLong(-1);
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong deadLettered = new AtomicLong();
    private volatile State state = State.STOPPED;
    private volatile Instant lastAppliedAt;
    private volatile String lastError;
    private volatile Instant lastErrorAt;
    private volatile Instant failingSince;
    private volatile Runnable whenLive = () -> { };

    /**
     * @param lagGauge     the gauge of records behind, e.g. {@code catalog.sync.lag.records}
     * @param errorCounter the counter of failed batches, e.g. {@code catalog.sync.errors}
     */
    public ConsumerProgress(String listenerId, MeterRegistry meters, String lagGauge, String errorCounter) {
        this(listenerId, meters, lagGauge, errorCounter, Tags.empty());
    }

    /** @param tags on both meters, e.g. {@code direction=reverse} where one service runs two consumers */
    public ConsumerProgress(String listenerId, MeterRegistry meters, String lagGauge, String errorCounter, Tags tags) {
        this.listenerId = listenerId;
        this.errors = meters.counter(errorCounter, tags);
        meters.gauge(lagGauge, tags, lagRecords);
    }

    public String listenerId() {
        return listenerId;
    }

    /** Runs on the consumer thread each time the consumer is found with nothing left to read. */
    public void whenLive(Runnable action) {
        this.whenLive = action;
    }

    /** After a batch was applied and before its offsets are committed; on the consumer thread. */
    public void applied(Consumer<?, ?> consumer, int records) {
        received.addAndGet(records);
        if (records > 0) {
            lastAppliedAt = Instant.now();
        }
        failingSince = null;
        updateLag(consumer);
    }

    /** A batch failed: it is retried with back-off from the same offsets, so nothing is skipped. */
    public void failed(Throwable e) {
        state = State.FAILING;
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        lastError = root == e ? String.valueOf(e.getMessage()) : e.getMessage() + ": " + root.getMessage();
        lastErrorAt = Instant.now();
        if (failingSince == null) {
            failingSince = lastErrorAt;
        }
        errors.increment();
    }

    /** A poison event was written to the dead-letter topic; its offset is committed with the rest. */
    public void deadLettered() {
        deadLettered.incrementAndGet();
        received.incrementAndGet();
    }

    public void stopped() {
        state = State.STOPPED;
    }

    /** Switched off on purpose: nothing is read, so nothing is behind. */
    public void off() {
        state = State.OFF;
        lagRecords.set(0);
    }

    /** Switched on again: the consumer starts, and its next idle check reports how far behind it is. */
    public void on() {
        if (state == State.OFF) {
            state = State.STOPPED;
        }
    }

    @Override
    public void onApplicationEvent(ListenerContainerIdleEvent event) {
        if (event.getListenerId().startsWith(listenerId) && failingSince == null && state != State.OFF) {
            updateLag(event.getConsumer());
        }
    }

    private void updateLag(Consumer<?, ?> consumer) {
        Set<TopicPartition> assigned = consumer.assignment();
        if (assigned.isEmpty()) {
            state = State.WAITING_FOR_PARTITIONS;
            return;
        }
        long behind = 0;
        for (TopicPartition partition : assigned) {
            OptionalLong lag = consumer.currentLag(partition);
            if (lag.isEmpty()) {
                // Not fetched yet: the lag is unknown, not zero.
                state = state == State.LIVE ? State.LIVE : State.CATCHING_UP;
                return;
            }
            behind += lag.getAsLong();
        }
        lagRecords.set(behind);
        state = behind == 0 ? State.LIVE : State.CATCHING_UP;
        if (behind == 0) {
            whenLive.run();
        }
    }

    public State state() {
        return state;
    }

    /** Records behind the end of the assigned partitions; -1 until first known. */
    public long lagRecords() {
        return lagRecords.get();
    }

    /** Records consumed and committed, tombstones and dead letters included. */
    public long received() {
        return received.get();
    }

    public long deadLetteredCount() {
        return deadLettered.get();
    }

    public Instant lastAppliedAt() {
        return lastAppliedAt;
    }

    public String lastError() {
        return lastError;
    }

    public Instant lastErrorAt() {
        return lastErrorAt;
    }

    public Instant failingSince() {
        return failingSince;
    }
}
