package io.stranglerkit.proxy.admin;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DiffsAcrossReplicasTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void countsAddUpParityIsComputedAgainAndPathsMergeByPath() {
        JsonNode first = JSON.readTree("""
                {"route":"search","shadowPercent":100,"since":"2026-11-29T10:05:00Z","compared":10,"identical":9,"noisy":0,
                 "different":1,"lagging":2,"unresolved":0,"dropped":0,"shadowErrors":1,"skipped":0,"pending":0,"parityPercent":90.0,
                 "topPaths":[{"path":"$.total","count":1,"example":{"primary":"1","shadow":"2"}}],
                 "noise":[{"path":"$.took","seen":3}],
                 "samples":[{"at":"2026-11-29T10:06:00Z","uri":"/a"}]}""");
        JsonNode second = JSON.readTree("""
                {"route":"search","shadowPercent":100,"since":"2026-11-29T10:00:00Z","compared":30,"identical":27,"noisy":0,
                 "different":3,"lagging":4,"unresolved":1,"dropped":2,"shadowErrors":0,"skipped":0,"pending":1,"parityPercent":90.0,
                 "topPaths":[{"path":"$.items[*].name","count":2,"example":{"primary":"a","shadow":"b"}},
                             {"path":"$.total","count":2,"example":{"primary":"5","shadow":"6"}}],
                 "noise":[{"path":"$.took","seen":4}],
                 "samples":[{"at":"2026-11-29T10:01:00Z","uri":"/b"},{"at":"2026-11-29T10:07:00Z","uri":"/c"}]}""");

        JsonNode merged = DiffsAcrossReplicas.merge(List.of(first, second));

        assertThat(merged.get("compared").asLong()).isEqualTo(40);
        assertThat(merged.get("different").asLong()).isEqualTo(4);
        assertThat(merged.get("pending").asLong()).isEqualTo(1);
        assertThat(merged.get("parityPercent").asDouble()).isEqualTo(90.0);
        assertThat(merged.get("since").asString()).isEqualTo("2026-11-29T10:00:00Z");
        assertThat(merged.get("topPaths").get(0).get("path").asString()).isEqualTo("$.total");
        assertThat(merged.get("topPaths").get(0).get("count").asLong()).isEqualTo(3);
        assertThat(merged.get("topPaths").get(0).get("example").get("primary").asString()).as("the first replica's example").isEqualTo("1");
        assertThat(merged.get("noise").get(0).get("seen").asLong()).isEqualTo(7);
        assertThat(merged.get("samples").valueStream().map(s -> s.get("uri").asString())).containsExactly("/b", "/a", "/c");
    }

    @Test
    void nothingComparedAnywhereHasNoParity() {
        JsonNode empty = JSON.readTree("{\"compared\":0,\"identical\":0,\"noisy\":0,\"different\":0,\"since\":\"x\"}");
        assertThat(DiffsAcrossReplicas.merge(List.of(empty, empty)).get("parityPercent").isNull()).isTrue();
    }
}
