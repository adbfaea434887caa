package io.stranglerkit.proxy.admin;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Several replicas' parallel run of one route ({@code GET /admin/diffs/{route}}) as one: outcome
 * counts added and parity computed again from them, paths and noise added by path (the first
 * replica's example kept), the newest samples of all, the earliest start.
 */
final class DiffsAcrossReplicas {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> COUNTS = List.of("compared", "identical", "noisy", "different", "lagging", "unresolved",
            "dropped", "shadowErrors", "skipped", "pending");
    private static final int TOP_PATHS = 20;
    private static final int SAMPLES = 50;

    private DiffsAcrossReplicas() {
    }

    /** @param replicas each replica's answer, this replica's first (its route settings are shown) */
    static ObjectNode merge(List<JsonNode> replicas) {
        ObjectNode merged = (ObjectNode) replicas.get(0).deepCopy();
        for (String count : COUNTS) {
            merged.put(count, replicas.stream().mapToLong(r -> r.path(count).asLong()).sum());
        }
        long agreeing = merged.get("identical").asLong() + merged.get("noisy").asLong();
        long compared = merged.get("compared").asLong();
        if (compared == 0) {
            merged.putNull("parityPercent");
        } else {
            merged.put("parityPercent", Math.floor(10_000.0 * agreeing / compared) / 100);
        }
        merged.put("since", replicas.stream().map(r -> r.path("since").asString()).min(Comparator.naturalOrder()).orElse(""));
        merged.set("topPaths", byPath(replicas, "topPaths", "count", TOP_PATHS));
        merged.set("noise", byPath(replicas, "noise", "seen", Integer.MAX_VALUE));
        List<JsonNode> samples = new ArrayList<>();
        replicas.forEach(r -> r.path("samples").forEach(samples::add));
        samples.sort(Comparator.comparing(s -> s.path("at").asString()));
        ArrayNode newest = JSON.createArrayNode();
        samples.subList(Math.max(0, samples.size() - SAMPLES), samples.size()).forEach(newest::add);
        merged.set("samples", newest);
        return merged;
    }

    /** Rows of one list added by their "path", the first row's other fields kept; the largest first. */
    private static ArrayNode byPath(List<JsonNode> replicas, String list, String count, int limit) {
        Map<String, ObjectNode> rows = new LinkedHashMap<>();
        for (JsonNode replica : replicas) {
            for (JsonNode row : replica.path(list)) {
                ObjectNode kept = rows.computeIfAbsent(row.path("path").asString(), p -> ((ObjectNode) row.deepCopy()).put(count, 0L));
                kept.put(count, kept.get(count).asLong() + row.path(count).asLong());
            }
        }
        ArrayNode out = JSON.createArrayNode();
        rows.values().stream().sorted(Comparator.comparingLong((ObjectNode r) -> -r.get(count).asLong())
                .thenComparing(r -> r.get("path").asString())).limit(limit).forEach(out::add);
        return out;
    }
}
