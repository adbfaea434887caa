package io.stranglerkit.catalog.status;

import io.stranglerkit.catalog.sync.ForwardSync;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;

/**
 * {@code sync} in /actuator/health: UP while it waits, catches up, is live or switched off;
 * DOWN once applying changes has failed for more than 30 s (the catalog is going stale).
 */
@Component("sync")
public class SyncHealth implements HealthIndicator {

    private static final Duration FAILING_TOLERANCE = Duration.ofSeconds(30);

    private final ForwardSync sync;

    public SyncHealth(ForwardSync sync) {
        this.sync = sync;
    }

    @Override
    public Health health() {
        Instant failingSince = sync.failingSince();
        boolean failingTooLong = failingSince != null && Duration.between(failingSince, Instant.now()).compareTo(FAILING_TOLERANCE) > 0;
        Health.Builder builder = sync.state() == ForwardSync.State.STOPPED ? Health.outOfService()
                : failingTooLong ? Health.down() : Health.up();
        builder.withDetail("state", sync.state().name().toLowerCase().replace('_', '-'))
                .withDetail("lagRecords", sync.lagRecords())
                .withDetail("conflicts", sync.conflicts());
        if (sync.lastError() != null) {
            builder.withDetail("lastError", sync.lastError());
        }
        return builder.build();
    }
}
