package io.stranglerkit.console.live;

import io.stranglerkit.console.security.Problems;
import io.stranglerkit.console.traffic.RoutePoint;
import io.stranglerkit.console.traffic.TrafficReader;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.util.List;
import java.util.Map;

/** What the page reads: the live stream, the latest state, and the charts' last 5 minutes when it opens. */
@RestController
public class LiveController {

    private final LiveBroadcast broadcast;
    private final TrafficReader traffic;

    public LiveController(LiveBroadcast broadcast, TrafficReader traffic) {
        this.broadcast = broadcast;
        this.traffic = traffic;
    }

    @GetMapping(path = "/api/live", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public SseEmitter live() {
        return broadcast.subscribe();
    }

    @GetMapping(path = "/api/state", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Object> state() {
        String latest = broadcast.latest();
        return latest == null ? Problems.answer(HttpStatus.SERVICE_UNAVAILABLE, "the console has not read the kit yet: try again in a second",
                null, null) : ResponseEntity.ok(latest);
    }

    @GetMapping("/api/history")
    public Map<String, List<RoutePoint>> history() {
        return traffic.history();
    }
}
