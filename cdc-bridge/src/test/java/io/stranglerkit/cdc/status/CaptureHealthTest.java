package io.stranglerkit.cdc.status;

import io.stranglerkit.cdc.capture.CaptureSupervisor;
import io.stranglerkit.cdc.config.BridgeProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

class CaptureHealthTest {

    private final CaptureSupervisor supervisor = mock(CaptureSupervisor.class);
    private final ConnectorMBeans mbeans = mock(ConnectorMBeans.class);
    private final BridgeProperties properties = mock(BridgeProperties.class);

    private CaptureHealth health(Map<String, Object> snapshot, Map<String, Object> streaming, Duration runAge) {
        when(properties.topicPrefix()).thenReturn("legacy");
        when(supervisor.phase()).thenReturn(CaptureSupervisor.Phase.RUNNING);
        when(supervisor.runStartedAt()).thenReturn(Instant.now().minus(runAge));
        when(mbeans.snapshot(anyString())).thenReturn(snapshot);
        when(mbeans.streaming(anyString())).thenReturn(streaming);
        return new CaptureHealth(new CaptureState(supervisor, mbeans, properties), supervisor);
    }

    @Test
    void streamingIsUp() {
        Health health = health(Map.of("SnapshotRunning", false), Map.of("Connected", true), Duration.ofMinutes(5)).health();
        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("state", "streaming");
    }

    @Test
    void connectingRightAfterTheRunStartedIsNotYetAFailure() {
        Health health = health(Map.of("SnapshotCompleted", true), Map.of("Connected", false), Duration.ofSeconds(3)).health();
        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("state", "connecting");
    }

    @Test
    void connectingForLongerThanTheGraceIsDown() {
        Health health = health(Map.of(), Map.of("Connected", false), CaptureHealth.CONNECT_GRACE.plusSeconds(5)).health();
        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsEntry("state", "connecting");
    }

    @Test
    void theGraceCountsFromTheLastTimeCaptureWasActive() {
        Map<String, Object> streaming = new HashMap<>(Map.of("Connected", true));
        CaptureHealth indicator = health(Map.of(), streaming, CaptureHealth.CONNECT_GRACE.plusSeconds(60));
        assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
        streaming.put("Connected", false); // the binlog connection just dropped
        assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
    }
}
