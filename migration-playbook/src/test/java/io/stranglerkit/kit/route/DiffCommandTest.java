package io.stranglerkit.kit.route;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class DiffCommandTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNode DIFFS = JSON.readTree("""
            {"route":"search","shadowPercent":100,"primary":"monolith","replica":"all",
             "replicas":[{"replica":"routing-proxy","answered":true},{"replica":"routing-proxy-2","answered":false}],"since":"2026-11-29T10:00:00Z",
             "compared":200,"identical":190,"noisy":6,"different":4,"lagging":9,"unresolved":5,"dropped":3,"shadowErrors":1,"skipped":0,
             "pending":2,"parityPercent":98.0,
             "topPaths":[{"path":"$.items[*].name","count":4,"example":{"primary":"\\"Crème brûlée\\"","shadow":"\\"<b>Creme</b>\\""}}],
             "noise":[{"path":"$.took","seen":20}],"ignoredPaths":[],
             "samples":[{"at":"2026-11-29T10:01:00Z","method":"GET","uri":"/api/products/search?q=cr%C3%A8me","correlationId":"c-1",
               "paths":["$.items[*].name"],"primary":{"side":"monolith","status":200,"contentType":"application/json","body":"{}"},
               "shadow":{"side":"search-service","status":200,"contentType":"application/json","body":"<script>x</script>"}}]}""");

    @Test
    void theTableShowsEveryOutcomeParityThePathsAndTheNoise() {
        String text = DiffCommand.text(DIFFS);
        assertThat(text).containsPattern("200\\s+190\\s+6\\s+4\\s+98\\.00%\\s+\\|\\s+9\\s+2\\s+5\\s+\\|\\s+3\\s+1\\s+0");
        assertThat(text).containsPattern("\\$\\.items\\[\\*]\\.name\\s+4\\s+\"Crème brûlée\"\\s+\"<b>Creme</b>\"");
        assertThat(text).contains("$.took (seen 20)").contains("replicas routing-proxy, routing-proxy-2 (not answering)");
    }

    @Test
    void theReportShowsEachPathSideBySideAndEscapesWhatTheBackendsSaid() {
        String html = DiffReport.html(DIFFS);
        assertThat(html).contains("<code>$.items[*].name</code></td><td>4</td><td><pre>&quot;Crème brûlée&quot;</pre></td>"
                + "<td><pre>&quot;&lt;b&gt;Creme&lt;/b&gt;&quot;</pre></td>");
        assertThat(html).contains("&lt;script&gt;x&lt;/script&gt;").doesNotContain("<script>");
        assertThat(html).contains("Parity: <b>98.00%</b>").contains("<title>identical: 190</title>");
    }
}
