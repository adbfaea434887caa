package io.stranglerkit.cdc.status;

import io.stranglerkit.cdc.capture.CaptureSupervisor;
import io.stranglerkit.cdc.config.BridgeProperties;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code GET /status}: one JSON summary for the kit CLI, the dashboard and curious humans. */
@RestController
public class StatusController {

    private final CaptureState state;
    private final CaptureSupervisor supervisor;
    private final CaptureMetrics metrics;
    private final KafkaReachability kafka;
    private final BridgeProperties properties;

    public StatusController(CaptureState state, CaptureSupervisor supervisor, CaptureMetrics metrics,
                            KafkaReachability kafka, BridgeProperties properties) {
        this.state = state;
        this.supervisor = supervisor;
        this.metrics = metrics;
        this.kafka = kafka;
        this.properties = properties;
    }

    @GetMapping("/status")
    public Map<String, Object> status() {
        CaptureState.View view = state.view();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("state", view.state().name().toLowerCase());
        out.put("connector", supervisor.flavor() == null ? null : supervisor.flavor().name().toLowerCase());
        out.put("serverVersion", supervisor.serverVersion());
        out.put("tables", properties.tables());
        out.put("topics", properties.tables().stream().map(t -> properties.topicPrefix() + "." + t).toList());
        out.put("runningSince", supervisor.runStartedAt() == null ? null : supervisor.runStartedAt().toString());
        out.put("restarts", metrics.restarts());
        out.put("lastError", supervisor.lastError());
        out.put("lastErrorAt", supervisor.lastErrorAt() == null ? null : supervisor.lastErrorAt().toString());
        out.put("snapshot", view.snapshot());
        out.put("streaming", view.streaming());
        out.put("position", metrics.lastPosition());
        Map<String, Object> events = new LinkedHashMap<>();
        events.put("published", metrics.totalPublished());
        events.put("publishErrors", metrics.publishErrors());
        events.put("perTable", metrics.tableSummary());
        out.put("events", events);
        out.put("lag", metrics.lagSummary());
        KafkaReachability.Result k = kafka.check();
        out.put("kafka", Map.of("bootstrapServers", properties.kafkaBootstrapServers(), "reachable", k.reachable(), "detail", k.detail()));
        return out;
    }
}
