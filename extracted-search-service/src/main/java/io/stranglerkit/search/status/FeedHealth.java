package io.stranglerkit.search.status;

import io.stranglerkit.platform.kafka.ConsumerProgress;
import io.stranglerkit.search.feed.FeedRecovery;
import io.stranglerkit.search.index.LiveIndex;
import io.stranglerkit.search.index.SearchIndex;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;

/**
 * {@code feed} in /actuator/health. Searches are answered from the index whatever Kafka does, so the
 * service stays UP while it waits for partitions or catches up. It turns DOWN at once when the feed's
 * consumer died (any Throwable, an Error included: {@link FeedRecovery} starts it again), and when
 * applying changes has been failing for more than 30 s (the model is going stale).
 */
@Component("feed")
public class FeedHealth implements HealthIndicator {

    private static final Duration FAILING_TOLERANCE = Duration.ofSeconds(30);

    private final ConsumerProgress feed;
    private final LiveIndex index;
    private final FeedRecovery recovery;

    public FeedHealth(ConsumerProgress feed, LiveIndex index, FeedRecovery recovery) {
        this.feed = feed;
        this.index = index;
        this.recovery = recovery;
    }

    @Override
    public Health health() {
        Instant failingSince = feed.failingSince();
        boolean failingTooLong = failingSince != null
                && Duration.between(failingSince, Instant.now()).compareTo(FAILING_TOLERANCE) > 0;
        String stoppedBy = recovery.stoppedBy();
        Health.Builder builder = stoppedBy != null ? Health.down().withDetail("reason", stoppedBy)
                .withDetail("restartAt", String.valueOf(recovery.restartAt())) : switch (feed.state()) {
                    case STOPPED -> Health.outOfService();
                    default -> failingTooLong ? Health.down() : Health.up();
                };
        builder.withDetail("state", feed.state().label())
                .withDetail("products", index.ready().map(SearchIndex::size).orElse(0))
                .withDetail("lagRecords", feed.lagRecords());
        if (feed.lastError() != null) {
            builder.withDetail("lastError", feed.lastError()).withDetail("lastErrorAt", String.valueOf(feed.lastErrorAt()));
        }
        return builder.build();
    }
}
