package io.stranglerkit.proxy.ramp;

import org.HdrHistogram.Histogram;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;
import java.util.zip.DataFormatException;

/**
 * What one proxy replica counted for one route since it started: each side's requests, errors and
 * latencies, the reads that fell back, and the parallel run's agreements and differences. A step's
 * window is today's totals minus those at the step's start; a replica that restarted in between
 * (another {@code processId}) or whose counts were reset counts from zero.
 */
record ReplicaTotals(String replica, String processId, Side service, Side monolith, long fallbacks, long agreed, long different) {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    // Latencies up to 120 s at 2 significant digits, the proxy's own stats' histograms.
    private static final long MAX_NANOS = 120_000_000_000L;

    record Side(long count, long errors, Histogram latencies) {

        static Side empty() {
            return new Side(0, 0, new Histogram(1_000L, MAX_NANOS, 2));
        }

        Side minus(Side base) {
            if (base.count > count || base.errors > errors) {
                return this;
            }
            Histogram window = latencies.copy();
            try {
                window.subtract(base.latencies);
            } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
                return this;
            }
            return new Side(count - base.count, errors - base.errors, window);
        }

        Side plus(Side other) {
            Histogram sum = latencies.copy();
            sum.add(other.latencies);
            return new Side(count + other.count, errors + other.errors, sum);
        }

        double p99Ms() {
            return latencies.getTotalCount() == 0 ? 0 : latencies.getValueAtPercentile(99) / 1e6;
        }
    }

    /** This replica's counts since {@code base}, the same replica's earlier totals (null: since it started). */
    ReplicaTotals minus(ReplicaTotals base) {
        if (base == null || !base.processId.equals(processId)) {
            return this;
        }
        boolean diffsReset = base.agreed > agreed || base.different > different;
        return new ReplicaTotals(replica, processId, service.minus(base.service), monolith.minus(base.monolith),
                base.fallbacks > fallbacks ? fallbacks : fallbacks - base.fallbacks,
                diffsReset ? agreed : agreed - base.agreed, diffsReset ? different : different - base.different);
    }

    ObjectNode toJson() {
        ObjectNode json = JSON.createObjectNode();
        json.put("replica", replica);
        json.put("processId", processId);
        side(json.putObject("service"), service);
        side(json.putObject("monolith"), monolith);
        json.put("fallbacks", fallbacks);
        json.put("agreed", agreed);
        json.put("different", different);
        return json;
    }

    static ReplicaTotals fromJson(JsonNode json) {
        return new ReplicaTotals(json.path("replica").asString(), json.path("processId").asString(), side(json.path("service")),
                side(json.path("monolith")), json.path("fallbacks").asLong(), json.path("agreed").asLong(), json.path("different").asLong());
    }

    private static void side(ObjectNode json, Side side) {
        json.put("count", side.count);
        json.put("errors", side.errors);
        ByteBuffer buffer = ByteBuffer.allocate(side.latencies.getNeededByteBufferCapacity());
        int length = side.latencies.encodeIntoCompressedByteBuffer(buffer);
        json.put("latencies", Base64.getEncoder().encodeToString(Arrays.copyOf(buffer.array(), length)));
    }

    private static Side side(JsonNode json) {
        try {
            Histogram latencies = Histogram.decodeFromCompressedByteBuffer(
                    ByteBuffer.wrap(Base64.getDecoder().decode(json.path("latencies").asString(""))), 0);
            return new Side(json.path("count").asLong(), json.path("errors").asLong(), latencies);
        } catch (DataFormatException | IllegalArgumentException | java.nio.BufferUnderflowException e) {
            return Side.empty();
        }
    }
}
