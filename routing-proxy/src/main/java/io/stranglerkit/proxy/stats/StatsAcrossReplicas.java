package io.stranglerkit.proxy.stats;

import org.HdrHistogram.Histogram;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.DataFormatException;

/**
 * The last minute of several proxy replicas' {@code /admin/stats?histograms=true} as one: counts and
 * errors added, percentiles from the replicas' latency histograms added together (percentiles
 * themselves cannot be averaged).
 */
public final class StatsAcrossReplicas {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private record Merged(long[] countAndErrors, Histogram latencies) {
    }

    private StatsAcrossReplicas() {
    }

    /** @return {"rows": [{route, backend, lastMinute: {count, errors, p50Ms, p99Ms}}]}, the shape of one replica's stats */
    public static JsonNode merge(List<JsonNode> replicaStats) {
        Map<String, Merged> byRouteAndBackend = new LinkedHashMap<>();
        for (JsonNode stats : replicaStats) {
            for (JsonNode row : stats.path("rows")) {
                String key = row.path("route").asString() + " " + row.path("backend").asString();
                Merged merged = byRouteAndBackend.computeIfAbsent(key, k -> new Merged(new long[2], null));
                merged.countAndErrors()[0] += row.path("lastMinute").path("count").asLong();
                merged.countAndErrors()[1] += row.path("lastMinute").path("errors").asLong();
                Histogram latencies = decode(row.path("lastMinuteHistogram").asString(""));
                if (latencies != null) {
                    if (merged.latencies() == null) {
                        byRouteAndBackend.put(key, new Merged(merged.countAndErrors(), latencies));
                    } else {
                        merged.latencies().add(latencies);
                    }
                }
            }
        }
        ObjectNode result = JSON.createObjectNode();
        ArrayNode rows = result.putArray("rows");
        byRouteAndBackend.forEach((key, merged) -> {
            ObjectNode row = rows.addObject();
            row.put("route", key.substring(0, key.indexOf(' ')));
            row.put("backend", key.substring(key.indexOf(' ') + 1));
            ObjectNode minute = row.putObject("lastMinute");
            minute.put("count", merged.countAndErrors()[0]);
            minute.put("errors", merged.countAndErrors()[1]);
            Histogram h = merged.latencies();
            boolean empty = h == null || h.getTotalCount() == 0;
            minute.put("p50Ms", empty ? 0 : h.getValueAtPercentile(50) / 1e6);
            minute.put("p99Ms", empty ? 0 : h.getValueAtPercentile(99) / 1e6);
        });
        return result;
    }

    private static Histogram decode(String base64) {
        if (base64.isEmpty()) {
            return null;
        }
        try {
            return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(Base64.getDecoder().decode(base64)), 0);
        } catch (DataFormatException | IllegalArgumentException e) {
            return null;
        }
    }
}
