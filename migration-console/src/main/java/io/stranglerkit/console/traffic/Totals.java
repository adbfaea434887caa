package io.stranglerkit.console.traffic;

import org.HdrHistogram.Histogram;
import tools.jackson.databind.JsonNode;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.List;
import java.util.TreeSet;
import java.util.zip.DataFormatException;

/**
 * One route's totals since each proxy replica started, added over the replicas
 * ({@code GET /admin/ramps/{route}/totals}). Two of them give a window: the later minus the earlier.
 *
 * @param processes the replicas' process ids: when they change, a replica restarted and counts from zero
 */
record Totals(long at, Side service, Side monolith, long fallbacks, long agreed, long different, String processes) {

    record Side(long count, long errors, Histogram latencies) {

        Side minus(Side earlier) {
            Histogram window = latencies.copy();
            window.subtract(earlier.latencies);
            return new Side(count - earlier.count, errors - earlier.errors, window);
        }

        /** Milliseconds at the percentile, or null when the window holds no request. */
        Double percentileMs(double percentile) {
            return latencies.getTotalCount() == 0 ? null : latencies.getValueAtPercentile(percentile) / 1e6;
        }

        static Side empty() {
            return new Side(0, 0, new Histogram(1_000L, 120_000_000_000L, 2));
        }
    }

    static Totals sum(long at, List<JsonNode> replicas) {
        Side service = Side.empty();
        Side monolith = Side.empty();
        long fallbacks = 0;
        long agreed = 0;
        long different = 0;
        TreeSet<String> processes = new TreeSet<>();
        for (JsonNode replica : replicas) {
            service = add(service, replica.path("service"));
            monolith = add(monolith, replica.path("monolith"));
            fallbacks += replica.path("fallbacks").asLong();
            agreed += replica.path("agreed").asLong();
            different += replica.path("different").asLong();
            processes.add(replica.path("processId").asString(""));
        }
        return new Totals(at, service, monolith, fallbacks, agreed, different, String.join(",", processes));
    }

    private static Side add(Side sum, JsonNode side) {
        Histogram latencies = sum.latencies;
        try {
            latencies.add(Histogram.decodeFromCompressedByteBuffer(
                    ByteBuffer.wrap(Base64.getDecoder().decode(side.path("latencies").asString(""))), 0));
        } catch (DataFormatException | IllegalArgumentException e) {
            throw new IllegalStateException("the proxy's latency totals could not be read: " + e.getMessage(), e);
        }
        return new Side(sum.count + side.path("count").asLong(), sum.errors + side.path("errors").asLong(), latencies);
    }
}
