package io.stranglerkit.catalog.status;

import io.stranglerkit.catalog.sync.ForwardSync;
import io.stranglerkit.catalog.sync.ReverseSync;
import io.stranglerkit.platform.kafka.ConsumerProgress;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;

/**
 * {@code sync} in /actuator/health: UP while both directions wait, catch up, are live or switched
 * off; DOWN once applying changes in either direction has failed for more than 30 s (one side is
 * going stale).
 */
@Component("sync")
public class SyncHealth implements HealthIndicator {

    private static final Duration FAILING_TOLERANCE = Duration.ofSeconds(30);

    private final ForwardSync forward;
    private final ReverseSync reverse;

    public SyncHealth(ForwardSync forward, ReverseSync reverse) {
        this.forward = forward;
        this.reverse = reverse;
    }

    @Override
    public Health health() {
        ConsumerProgress f = forward.direction().progress();
        ConsumerProgress r = reverse.direction().progress();
        Health.Builder builder = f.state() == ConsumerProgress.State.STOPPED ? Health.outOfService()
                : failingTooLong(f) || failingTooLong(r) ? Health.down() : Health.up();
        builder.withDetail("state", f.state().label())
                .withDetail("lagRecords", f.lagRecords())
                .withDetail("conflicts", forward.direction().conflicts())
                .withDetail("reverseState", reverse.enabled() ? r.state().label() : "off")
                .withDetail("reverseLagRecords", r.lagRecords());
        if (f.lastError() != null) {
            builder.withDetail("lastError", f.lastError());
        }
        if (r.lastError() != null) {
            builder.withDetail("reverseLastError", r.lastError());
        }
        return builder.build();
    }

    private static boolean failingTooLong(ConsumerProgress progress) {
        Instant since = progress.failingSince();
        return since != null && Duration.between(since, Instant.now()).compareTo(FAILING_TOLERANCE) > 0;
    }
}
