package io.stranglerkit.cdc.status;

import io.stranglerkit.cdc.capture.CaptureSupervisor;
import io.stranglerkit.cdc.config.BridgeProperties;
import org.springframework.stereotype.Component;

import java.util.Map;

/** One word for where capture is, from the supervisor's phase and the connector's own metrics. */
@Component
public class CaptureState {

    public enum State { STOPPED, STARTING, CONNECTING, SNAPSHOTTING, STREAMING, RESTARTING }

    private final CaptureSupervisor supervisor;
    private final ConnectorMBeans mbeans;
    private final String topicPrefix;

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
        return new View(state, snapshot, streaming);
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
