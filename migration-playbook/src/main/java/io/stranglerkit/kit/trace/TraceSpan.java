package io.stranglerkit.kit.trace;

import tools.jackson.databind.JsonNode;

import java.util.Map;
import java.util.TreeMap;

/** One span as Zipkin's v2 API returns it; times in microseconds since the epoch. */
record TraceSpan(String traceId, String id, String parentId, String service, String name, String kind, long startMicros,
                 long durationMicros, Map<String, String> tags) {

    static TraceSpan of(JsonNode span) {
        Map<String, String> tags = new TreeMap<>();
        span.path("tags").properties().forEach(e -> tags.put(e.getKey(), e.getValue().asString("")));
        return new TraceSpan(span.path("traceId").asString(""), span.path("id").asString(""),
                span.hasNonNull("parentId") ? span.path("parentId").asString() : null,
                span.path("localEndpoint").path("serviceName").asString("?"), span.path("name").asString(""),
                span.path("kind").asString(""), span.path("timestamp").asLong(0), span.path("duration").asLong(0), tags);
    }

    long endMicros() {
        return startMicros + durationMicros;
    }

    /** What the span did, in a few words: the request, the table captured, the consumer that applied. */
    String detail() {
        if (tags.containsKey("consumer")) {
            return tags.get("consumer") + changes();
        }
        if (tags.containsKey("table")) {
            return tags.get("table") + (tags.containsKey("row.key") ? " " + tags.get("row.key") : "") + changes();
        }
        if (tags.containsKey("side")) {
            return "to " + tags.get("side") + " " + tags.getOrDefault("status", "");
        }
        if (tags.containsKey("spring.cloud.gateway.route.id")) {
            return "route " + tags.get("spring.cloud.gateway.route.id") + " " + tags.getOrDefault("http.status_code", "");
        }
        String method = tags.getOrDefault("method", tags.getOrDefault("http.method", ""));
        String uri = tags.getOrDefault("http.url", tags.getOrDefault("uri", ""));
        String status = tags.getOrDefault("status", tags.getOrDefault("http.status_code", ""));
        String servedBy = tags.containsKey("served.by") ? " served by " + tags.get("served.by") : "";
        String fallback = tags.containsKey("fallback") ? " (fallback: " + tags.get("fallback") + ")" : "";
        String shadow = "true".equals(tags.get("shadow")) ? " (the proxy's shadow copy)" : "";
        return (method + " " + uri + " " + status + servedBy + fallback + shadow).trim().replaceAll(" +", " ");
    }

    private String changes() {
        String n = tags.get("changes");
        return n == null ? "" : " (" + n + (n.equals("1") ? " change)" : " changes)");
    }
}
