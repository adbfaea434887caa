package io.stranglerkit.kit.trace;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TraceTimelineTest {

    private static final long T = 1_796_016_000_000_000L;

    private final List<TraceSpan> spans = List.of(
            // as Zipkin returns them: in no particular order
            span("e", "d", "extracted-search-service", "apply", 41_000, 2_000, Map.of("consumer", "search feed", "changes", "1")),
            span("a", null, "routing-proxy", "http put", 0, 15_000, Map.of("method", "PUT", "http.url", "/api/products/5",
                    "status", "200", "served.by", "monolith")),
            span("c", "b", "legacy-monolith", "http put /api/products/{id}", 3_000, 10_000, Map.of("method", "PUT", "status", "200")),
            span("b", "a", "routing-proxy", "http put", 1_000, 13_000, Map.of("spring.cloud.gateway.route.id", "catalog-write",
                    "http.status_code", "200")),
            span("d", "c", "cdc-bridge", "capture and publish", 12_000, 6_000, Map.of("table", "shop.product", "row.key", "5",
                    "changes", "1")),
            span("f", "d", "extracted-catalog-service", "apply", 30_000, 4_000, Map.of("consumer", "catalog forward sync")));

    @Test
    void spansAreShownInCausalOrderWithOffsetsAndWhatTheyDid() {
        String timeline = TraceTimeline.render(spans);
        assertThat(timeline).startsWith("Trace t1: 6 spans, 43.0 ms");
        List<String> rows = timeline.lines().filter(l -> l.contains(" ms  ")).toList();
        assertThat(rows).hasSize(6);
        assertThat(rows.get(0)).contains("+0.0 ms", "15.0 ms", "routing-proxy", "http put  PUT /api/products/5 200 served by monolith");
        assertThat(rows.get(1)).contains("routing-proxy", "  http put  route catalog-write 200");
        assertThat(rows.get(2)).contains("+3.0 ms", "legacy-monolith");
        assertThat(rows.get(3)).contains("+12.0 ms", "6.0 ms", "cdc-bridge", "capture and publish  shop.product 5 (1 change)");
        assertThat(rows.get(4)).as("siblings by start").contains("+30.0 ms", "catalog forward sync");
        assertThat(rows.get(5)).contains("+41.0 ms", "apply  search feed (1 change)");
        assertThat(timeline).contains("Applied after the request began: catalog forward sync +34.0 ms, search feed +43.0 ms");
    }

    @Test
    void aSpanWhoseParentHasNotArrivedIsShownAsARoot() {
        List<TraceTimeline.Ordered> ordered = TraceTimeline.causalOrder(List.of(spans.get(0), spans.get(4)));
        assertThat(ordered).extracting(o -> o.span().id() + "@" + o.depth()).containsExactly("d@0", "e@1");
    }

    private static TraceSpan span(String id, String parent, String service, String name, long offsetMicros, long micros,
                                  Map<String, String> tags) {
        return new TraceSpan("t1", id, parent, service, name, "", T + offsetMicros, micros, tags);
    }
}
