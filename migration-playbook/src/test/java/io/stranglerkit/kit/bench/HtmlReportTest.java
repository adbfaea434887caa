package io.stranglerkit.kit.bench;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HtmlReportTest {

    @Test
    void writesTheTableAndOneChartLinePerTarget(@TempDir Path dir) throws Exception {
        Histogram slow = new Histogram(3);
        Histogram fast = new Histogram(3);
        for (int i = 1; i <= 1000; i++) {
            slow.recordValue(800_000_000L + i * 1_000_000L); // 0.8-1.8 s in ns
            fast.recordValue(2_000_000L + i * 10_000L);       // 2-12 ms
        }
        Path file = dir.resolve("report.html");
        HtmlReport.write(file, "kit bench compare search", "16 concurrent <closed loop>",
                List.of(new LoadResult("monolith", 1000, 0, 10, slow), new LoadResult("service & co", 1000, 2, 10, fast)));

        String html = Files.readString(file);
        assertThat(html).startsWith("<!doctype html>").contains("<svg", "</svg>", "16 concurrent &lt;closed loop&gt;",
                "<td>monolith</td>", "<td>service &amp; co</td>", "99.999%", "1.000x");
        assertThat(html.split("<polyline", -1)).hasSize(3);
        assertThat(html).doesNotContain("NaN", "<script");
    }

    @Test
    void saysSoWhenNothingSucceeded(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("report.html");
        HtmlReport.write(file, "t", "s", List.of(new LoadResult("down", 10, 10, 1, new Histogram(3))));
        assertThat(Files.readString(file)).contains("nothing to chart").doesNotContain("<polyline");
    }
}
