package io.stranglerkit.cdc.status;

import io.stranglerkit.cdc.capture.CaptureSupervisor;
import io.stranglerkit.cdc.config.BridgeProperties;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** One word for where capture is, from the supervisor's phase and the connector's own metrics. */
@Component
public class CaptureState {

    public enum State { STOPPED, STARTING, CONNECTING, SNAPSHOTTING, STREAMING, RESTARTING }

    private final CaptureSupervisor supervisor;
    private final ConnectorMBeans mbeans;
    private final String topicPrefix;
    private volatile Instant lastActiveAt;

    public CaptureState(CaptureSupervisor supervisor, ConnectorMBeans mbeans, BridgeProperties properties) {
        this.supervisor = supervisor;
        this.mbeans = mbeans;
        this.topicPrefix = properties.topicPrefix();
    }

    /** The state together with the connector metrics it was derived from, read once. */
    public record View(State state, Map<String, Object> snapshot, Map<String, Object> streaming) {
    }

    public State current() {
        return view().state();
    }

    public View view() {
        Map<String, Object> snapshot = mbeans.snapshot(topicPrefix);
        Map<String, Object> streaming = mbeans.streaming(topicPrefix);
        State state = switch (supervisor.phase()) {
            case STOPPED -> State.STOPPED;
            case STARTING -> State.STARTING;
            case RESTARTING -> State.RESTARTING;
            case RUNNING -> running(snapshot, streaming);
        };
        if (state == State.SNAPSHOTTING || state == State.STREAMING) {
            lastActiveAt = Instant.now();
        }
        return new View(state, snapshot, streaming);
    }

    /**
     * How long the engine has been neither snapshotting nor streaming in its current run: the move
     * from the snapshot to the binlog, or a reconnect, takes a moment and is not yet a failure.
     */
    public Duration inactiveFor() {
        Instant since = latest(lastActiveAt, supervisor.runStartedAt());
        return since == null ? Duration.ZERO : Duration.between(since, Instant.now());
    }

    private static Instant latest(Instant a, Instant b) {
        if (a == null || b == null) {
            return a == null ? b : a;
        }
        return a.isAfter(b) ? a : b;
    }

    static State running(Map<String, Object> snapshot, Map<String, Object> streaming) {
        if (Boolean.TRUE.equals(snapshot.get("SnapshotRunning"))) {
            return State.SNAPSHOTTING;
        }
        if (Boolean.TRUE.equals(streaming.get("Connected"))) {
            return State.STREAMING;
        }
        return State.CONNECTING;
    }
}
