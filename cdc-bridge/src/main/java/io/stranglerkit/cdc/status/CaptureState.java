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

    public State current() {
        return switch (supervisor.phase()) {
            case STOPPED -> State.STOPPED;
            case STARTING -> State.STARTING;
            case RESTARTING -> State.RESTARTING;
            case RUNNING -> running(mbeans.snapshot(topicPrefix), mbeans.streaming(topicPrefix));
        };
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

    public Map<String, Object> snapshotMetrics() {
        return mbeans.snapshot(topicPrefix);
    }

    public Map<String, Object> streamingMetrics() {
        return mbeans.streaming(topicPrefix);
    }
}
