package io.stranglerkit.console.events;

import io.stranglerkit.console.parts.PartHealth;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EventLogTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static PartHealth part(String name, String status) {
        return new PartHealth(name, "role", "127.0.0.1:1", status, status.equals("UP") ? null : "connection refused");
    }

    private static List<String> texts(EventLog log) {
        return log.newestFirst().stream().map(EventLog.Event::text).toList();
    }

    @Test
    void aPartGoingDownAndComingBackIsLoggedOnceEach() {
        EventLog log = new EventLog();
        log.parts(List.of(part("kafka", "UP"), part("cdc-bridge", "UP")));
        log.parts(List.of(part("kafka", "UP"), part("cdc-bridge", "UNREACHABLE")));
        log.parts(List.of(part("kafka", "UP"), part("cdc-bridge", "UNREACHABLE")));
        log.parts(List.of(part("kafka", "UP"), part("cdc-bridge", "UP")));
        assertThat(texts(log)).containsExactly("cdc-bridge is up again (was UNREACHABLE)", "cdc-bridge is UNREACHABLE: connection refused",
                "the console is watching 2 parts: 2 up");
    }

    @Test
    void auditEntriesBecomeEventsOnceInTheOrderTheyHappened() {
        EventLog log = new EventLog();
        JsonNode change = JSON.readTree("{\"at\":\"2026-11-30T10:00:01Z\",\"route\":\"search\",\"by\":\"console user from 127.0.0.1\","
                + "\"servicePercent\":[0,30],\"sticky\":[true,true],\"shadowPercent\":[0,0]}");
        JsonNode ramp = JSON.readTree("{\"at\":\"2026-11-30T10:00:02Z\",\"route\":\"search\","
                + "\"ramp\":{\"from\":\"running\",\"to\":\"aborted\",\"why\":\"aborted by hand\"}}");
        log.audit(List.of(ramp, change));
        log.audit(List.of(ramp, change));
        assertThat(texts(log)).containsExactly("ramp of search: running -> aborted: aborted by hand",
                "search changed by console user from 127.0.0.1: servicePercent 0 -> 30");
    }
}
