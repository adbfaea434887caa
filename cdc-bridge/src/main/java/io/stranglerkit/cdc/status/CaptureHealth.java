package io.stranglerkit.cdc.status;

import io.stranglerkit.cdc.capture.CaptureSupervisor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * {@code capture} in /actuator/health: UP while snapshotting or streaming, and while connecting for
 * less than {@link #CONNECT_GRACE} (the switch from snapshot to binlog, a reconnect); UNKNOWN while
 * the first run starts; DOWN while disconnected for longer or waiting to restart after a failure.
 */
@Component("capture")
public class CaptureHealth implements HealthIndicator {

    static final Duration CONNECT_GRACE = Duration.ofSeconds(30);

    private final CaptureState state;
    private final CaptureSupervisor supervisor;

    public CaptureHealth(CaptureState state, CaptureSupervisor supervisor) {
        this.state = state;
        this.supervisor = supervisor;
    }

    @Override
    public Health health() {
        CaptureState.State now = state.current();
        Health.Builder builder = switch (now) {
            case SNAPSHOTTING, STREAMING -> Health.up();
            case CONNECTING -> state.inactiveFor().compareTo(CONNECT_GRACE) < 0 ? Health.up() : Health.down();
            case STARTING -> Health.unknown();
            default -> Health.down();
        };
        builder.withDetail("state", now.name().toLowerCase());
        if (supervisor.lastError() != null) {
            builder.withDetail("lastError", supervisor.lastError()).withDetail("lastErrorAt", supervisor.lastErrorAt().toString());
        }
        return builder.build();
    }
}
