package io.stranglerkit.proxy.stats;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StatsAcrossReplicasTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void countsAddUpAndPercentilesComeFromTheHistogramsTogether() {
        // One replica answered 90 requests in 1 ms, the other 10 in 100 ms: together p50 is 1 ms and p99 100 ms,
        // which no average of the two replicas' own percentiles would give.
        JsonNode fast = stats(row("search", "search-service", 90, 0, 1_000_000L));
        JsonNode slow = stats(row("search", "search-service", 10, 2, 100_000_000L));
        JsonNode merged = StatsAcrossReplicas.merge(List.of(fast, slow));
        JsonNode minute = merged.get("rows").get(0).get("lastMinute");
        assertThat(minute.get("count").asLong()).isEqualTo(100);
        assertThat(minute.get("errors").asLong()).isEqualTo(2);
        assertThat(minute.get("p50Ms").asDouble()).isBetween(0.99, 1.01);
        assertThat(minute.get("p99Ms").asDouble()).isBetween(99.0, 101.0);
    }

    @Test
    void rowsOnlyOneReplicaHasAreKept() {
        JsonNode merged = StatsAcrossReplicas.merge(List.of(stats(row("search", "monolith", 5, 0, 2_000_000L)),
                stats(row("catalog-read", "catalog-service", 3, 0, 3_000_000L))));
        assertThat(merged.get("rows").valueStream().map(r -> r.get("route").asString() + "/" + r.get("backend").asString()))
                .containsExactly("search/monolith", "catalog-read/catalog-service");
    }

    private static JsonNode stats(String row) {
        return JSON.readTree("{\"rows\":[" + row + "]}");
    }

    private static String row(String route, String backend, int count, int errors, long nanos) {
        Histogram histogram = new Histogram(1_000L, 120_000_000_000L, 2);
        histogram.recordValueWithCount(nanos, count);
        ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        int length = histogram.encodeIntoCompressedByteBuffer(buffer);
        String encoded = Base64.getEncoder().encodeToString(Arrays.copyOf(buffer.array(), length));
        return "{\"route\":\"" + route + "\",\"backend\":\"" + backend + "\",\"lastMinute\":{\"count\":" + count + ",\"errors\":" + errors
                + "},\"lastMinuteHistogram\":\"" + encoded + "\"}";
    }
}
