package io.stranglerkit.search.feed;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationListener;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.event.ConsumerStoppedEvent;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * When the feed's consumer thread dies (an {@link Error} such as OutOfMemoryError stops a spring-kafka
 * container), says so for health and /status and starts the feed again with back-off: 1 s, doubling
 * up to 30 s. The consumer resumes from the index's offsets, so nothing is skipped.
 */
@Component
public class FeedRecovery implements ApplicationListener<ConsumerStoppedEvent> {

    private static final Logger log = LoggerFactory.getLogger(FeedRecovery.class);
    private static final Duration FIRST_DELAY = Duration.ofSeconds(1);
    private static final Duration MAX_DELAY = Duration.ofSeconds(30);

    private final KafkaListenerEndpointRegistry registry;
    private final ScheduledExecutorService restarts = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "search-feed-recovery");
        thread.setDaemon(true);
        return thread;
    });
    private volatile String stoppedBy;
    private volatile Instant restartAt;
    private int attempts;

    public FeedRecovery(KafkaListenerEndpointRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void onApplicationEvent(ConsumerStoppedEvent event) {
        MessageListenerContainer container = event.getSource(MessageListenerContainer.class);
        if (event.getReason() == ConsumerStoppedEvent.Reason.NORMAL || container.getListenerId() == null
                || !container.getListenerId().startsWith(ChangeFeed.LISTENER_ID)) {
            return;
        }
        synchronized (this) {
            long delay = Math.min(MAX_DELAY.toMillis(), FIRST_DELAY.toMillis() << Math.min(attempts, 5));
            attempts++;
            stoppedBy = "the feed stopped (" + event.getReason().name().toLowerCase() + ")";
            restartAt = Instant.now().plusMillis(delay);
            log.error("{}; starting it again in {} ms (attempt {})", stoppedBy, delay, attempts);
            restarts.schedule(this::restart, delay, TimeUnit.MILLISECONDS);
        }
    }

    private void restart() {
        MessageListenerContainer feed = registry.getListenerContainer(ChangeFeed.LISTENER_ID);
        if (feed == null) {
            return;
        }
        if (feed.isRunning()) {
            feed.stop();
        }
        feed.start();
        restartAt = null;
    }

    /** The feed applied a batch or found nothing left to read: it runs again. */
    void running() {
        if (stoppedBy != null) {
            synchronized (this) {
                log.info("the feed runs again after: {}", stoppedBy);
                stoppedBy = null;
                attempts = 0;
            }
        }
    }

    /** Why the feed is not running (null while it runs), and when it is started again. */
    public String stoppedBy() {
        return stoppedBy;
    }

    public Instant restartAt() {
        return restartAt;
    }
}
