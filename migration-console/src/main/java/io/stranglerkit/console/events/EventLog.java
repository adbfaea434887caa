package io.stranglerkit.console.events;

import io.stranglerkit.console.parts.PartHealth;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What happened, newest first: parts going down and coming back (seen by the console), route changes
 * and ramp transitions (from the proxy replicas' audit logs, so changes made by the CLI show too).
 */
@Component
public class EventLog {

    /** @param kind part, route, ramp or verify */
    public record Event(String at, String kind, String text) {
    }

    static final int KEPT = 200;

    private final Deque<Event> events = new ArrayDeque<>();
    private final Map<String, String> partStatus = new HashMap<>();
    private final Set<String> everUp = new HashSet<>();
    private final Set<String> auditSeen = new HashSet<>();

    public synchronized void parts(List<PartHealth> parts) {
        if (partStatus.isEmpty()) {
            long up = parts.stream().filter(PartHealth::up).count();
            add(new Event(Instant.now().toString(), "part", "the console is watching " + parts.size() + " parts: " + up + " up"
                    + (up == parts.size() ? "" : ", " + (parts.size() - up) + " not")));
        }
        for (PartHealth part : parts) {
            String before = partStatus.put(part.name(), part.status());
            boolean wasUp = part.up() && !everUp.add(part.name());
            if (before == null && part.up() || part.status().equals(before)) {
                continue;
            }
            add(new Event(Instant.now().toString(), "part", part.up()
                    ? part.name() + " is up" + (before == null ? "" : (wasUp ? " again" : "") + " (was " + before + ")")
                    : part.name() + " is " + part.status() + (part.detail() == null ? "" : ": " + part.detail())));
        }
    }

    /** Audit entries from any replica, in any order; each is logged once. */
    public synchronized void audit(List<JsonNode> entries) {
        List<JsonNode> fresh = new ArrayList<>();
        Set<String> current = new HashSet<>();
        for (JsonNode entry : entries) {
            current.add(entry.toString());
            if (auditSeen.add(entry.toString())) {
                fresh.add(entry);
            }
        }
        auditSeen.retainAll(current); // what left the replicas' newest entries never comes back
        fresh.sort((a, b) -> a.path("at").asString().compareTo(b.path("at").asString()));
        fresh.forEach(entry -> add(auditEvent(entry)));
    }

    public synchronized void add(Event event) {
        events.addFirst(event);
        while (events.size() > KEPT) {
            events.removeLast();
        }
    }

    public synchronized List<Event> newestFirst() {
        return List.copyOf(events);
    }

    static Event auditEvent(JsonNode entry) {
        String route = entry.path("route").asString();
        JsonNode ramp = entry.path("ramp");
        if (ramp.isObject()) {
            return new Event(entry.path("at").asString(), "ramp", "ramp of " + route + ": " + ramp.path("from").asString() + " -> "
                    + ramp.path("to").asString() + ": " + ramp.path("why").asString());
        }
        StringBuilder text = new StringBuilder(route).append(" changed by ").append(entry.path("by").asString()).append(":");
        for (String field : List.of("servicePercent", "sticky", "shadowPercent")) {
            JsonNode change = entry.path(field);
            if (change.size() == 2 && !change.get(0).equals(change.get(1))) {
                text.append(' ').append(field).append(' ').append(change.get(0).asString()).append(" -> ").append(change.get(1).asString());
            }
        }
        return new Event(entry.path("at").asString(), "route", text.toString());
    }
}
