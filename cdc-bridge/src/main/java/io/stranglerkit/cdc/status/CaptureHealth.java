package io.stranglerkit.cdc.status;

import io.stranglerkit.cdc.capture.CaptureSupervisor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code capture} in /actuator/health: UP while snapshotting or streaming, UNKNOWN while the first
 * run starts, DOWN while the engine is disconnected or waiting to restart after a failure.
 */
@Component("capture")
public class CaptureHealth implements HealthIndicator {

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
