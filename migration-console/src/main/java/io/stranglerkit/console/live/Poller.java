package io.stranglerkit.console.live;

import io.stranglerkit.console.data.DataReader;
import io.stranglerkit.console.events.EventLog;
import io.stranglerkit.console.http.ProxyAdmin;
import io.stranglerkit.console.parts.PartHealth;
import io.stranglerkit.console.parts.PartsProbe;
import io.stranglerkit.console.traffic.TrafficReader;
import io.stranglerkit.console.verify.VerifyRunner;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Once per {@code console.poll-interval}: reads every part, makes the page's state and sends it to
 * the open pages. One reader for all pages, so ten open pages cost the parts what one does.
 */
@Component
public class Poller {

    private static final Logger log = LoggerFactory.getLogger(Poller.class);
    private static final int EVENTS_SHOWN = 60;

    private final PartsProbe parts;
    private final TrafficReader traffic;
    private final DataReader data;
    private final ProxyAdmin proxy;
    private final EventLog events;
    private final VerifyRunner verify;
    private final LiveBroadcast broadcast;
    private final JsonMapper json;
    private final Timer reading;

    public Poller(PartsProbe parts, TrafficReader traffic, DataReader data, ProxyAdmin proxy, EventLog events, VerifyRunner verify,
                  LiveBroadcast broadcast, JsonMapper json, MeterRegistry registry) {
        this.parts = parts;
        this.traffic = traffic;
        this.data = data;
        this.proxy = proxy;
        this.events = events;
        this.verify = verify;
        this.broadcast = broadcast;
        this.json = json;
        this.reading = Timer.builder("console.poll").description("one reading of every part, made into the page's state")
                .publishPercentileHistogram().register(registry);
    }

    /** At a fixed rate: a change waits at most one interval plus one reading (console.poll in Prometheus) to be sent. */
    @Scheduled(fixedRateString = "${console.poll-interval}")
    public void tick() {
        try {
            broadcast.publish(json.writeValueAsString(reading.record(this::read)));
        } catch (RuntimeException e) {
            log.warn("reading the kit failed, trying again at the next tick: {}", e.toString());
        }
    }

    Map<String, Object> read() {
        long now = System.currentTimeMillis();
        List<PartHealth> health = parts.probe();
        events.parts(health);
        TrafficReader.View routes = traffic.read(now);
        Map<String, Object> dataView = data.read(now);
        // Each replica audits the changes it made: read them all.
        events.audit(proxy.fromEveryReplica("/admin/audit?limit=100").stream().flatMap(JsonNode::valueStream).toList());
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("at", Instant.ofEpochMilli(now).toString());
        state.put("parts", health);
        state.put("routes", routes.routes());
        state.put("routesProblem", routes.problem());
        state.put("data", dataView);
        state.put("verify", Map.of("available", verify.available(), "results", verify.results()));
        List<EventLog.Event> all = events.newestFirst();
        state.put("events", all.subList(0, Math.min(EVENTS_SHOWN, all.size())));
        return state;
    }
}
