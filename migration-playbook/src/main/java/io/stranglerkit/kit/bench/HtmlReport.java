package io.stranglerkit.kit.bench;

import org.HdrHistogram.HistogramIterationValue;

import static io.stranglerkit.kit.Html.escape;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A self-contained HTML page (no script, no network) for a latency comparison: the side-by-side
 * table and a percentile-distribution chart, latency on a log scale against 0% .. 99.999% spaced
 * like HdrHistogram's plotter, one line per target.
 */
final class HtmlReport {

    private static final String[] COLOURS = {"#c0392b", "#2471a3", "#229954", "#7d3c98", "#b9770e"};
    private static final double MAX_NINES = 5; // 99.999%
    private static final int WIDTH = 760;
    private static final int HEIGHT = 380;
    private static final int LEFT = 70;
    private static final int BOTTOM = 40;
    private static final int TOP = 20;
    private static final int RIGHT = 20;

    private HtmlReport() {
    }

    static void write(Path file, String title, String subtitle, List<LoadResult> results) throws IOException {
        StringBuilder html = new StringBuilder();
        html.append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(escape(title))
                .append("</title>\n<style>body{font-family:sans-serif;margin:2em;color:#222}table{border-collapse:collapse}"
                        + "td,th{padding:4px 10px;border-bottom:1px solid #ddd;text-align:right}td:first-child,th:first-child{text-align:left}"
                        + "svg text{font-size:12px}</style></head><body>\n")
                .append("<h1>").append(escape(title)).append("</h1>\n<p>").append(escape(subtitle)).append("</p>\n")
                .append(table(results)).append(chart(results))
                .append("<p>Raw distributions: the <code>.hgrm</code> files next to this page.</p>\n</body></html>\n");
        Files.writeString(file, html);
    }

    private static String table(List<LoadResult> results) {
        StringBuilder t = new StringBuilder("<table>\n<tr><th>target</th><th>requests</th><th>errors</th><th>req/s</th>"
                + "<th>p50 ms</th><th>p90 ms</th><th>p95 ms</th><th>p99 ms</th><th>max ms</th><th>p95 vs first</th></tr>\n");
        double baseline = results.get(0).percentileMs(95);
        for (LoadResult r : results) {
            t.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%,d</td><td>%,d</td><td>%,.0f</td><td>%.2f</td><td>%.2f</td>"
                            + "<td>%.2f</td><td>%.2f</td><td>%.1f</td><td>%.3fx</td></tr>%n", escape(r.target()), r.count(), r.errors(),
                    r.throughput(), r.percentileMs(50), r.percentileMs(90), r.percentileMs(95), r.percentileMs(99), r.maxMs(),
                    r.percentileMs(95) / baseline));
        }
        return t.append("</table>\n").toString();
    }

    private static String chart(List<LoadResult> results) {
        double minMs = Double.MAX_VALUE;
        double maxMs = 0;
        List<List<double[]>> lines = new ArrayList<>();
        for (LoadResult r : results) {
            List<double[]> points = new ArrayList<>();
            if (r.histogram().getTotalCount() > 0) {
                for (HistogramIterationValue v : r.histogram().percentiles(5)) {
                    double nines = Math.min(MAX_NINES, Math.log10(100.0 / Math.max(1e-9, 100.0 - v.getPercentileLevelIteratedTo())));
                    double ms = Math.max(0.01, v.getValueIteratedTo() / 1e6);
                    points.add(new double[]{nines, ms});
                    minMs = Math.min(minMs, ms);
                    maxMs = Math.max(maxMs, ms);
                }
            }
            lines.add(points);
        }
        if (maxMs == 0) {
            return "<p>No successful requests: nothing to chart.</p>\n";
        }
        double lo = Math.floor(Math.log10(minMs));
        double hi = Math.max(lo + 1, Math.ceil(Math.log10(maxMs)));
        int plotW = WIDTH - LEFT - RIGHT;
        int plotH = HEIGHT - TOP - BOTTOM;
        StringBuilder svg = new StringBuilder(String.format(Locale.ROOT,
                "<h2>Latency by percentile</h2>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" role=\"img\""
                        + " aria-label=\"latency by percentile\">%n", WIDTH, HEIGHT + 20 * results.size()));
        for (int n = 0; n <= MAX_NINES; n++) {
            double x = LEFT + plotW * n / MAX_NINES;
            String label = n == 0 ? "0%" : n == 1 ? "90%" : "99." + "9".repeat(n - 2) + "%";
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#eee\"/>"
                    + "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", x, TOP, x, TOP + plotH, x, TOP + plotH + 16, label));
        }
        for (double decade = lo; decade <= hi; decade++) {
            double y = TOP + plotH - plotH * (decade - lo) / (hi - lo);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#eee\"/>"
                    + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s ms</text>%n", LEFT, y, LEFT + plotW, y, LEFT - 6, y + 4,
                    trim(Math.pow(10, decade))));
        }
        for (int i = 0; i < lines.size(); i++) {
            String colour = COLOURS[i % COLOURS.length];
            StringBuilder path = new StringBuilder();
            for (double[] p : lines.get(i)) {
                double x = LEFT + plotW * p[0] / MAX_NINES;
                double y = TOP + plotH - plotH * (Math.log10(p[1]) - lo) / (hi - lo);
                path.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
            }
            svg.append(String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\"/>%n",
                    colour, path.toString().strip()));
            int legendY = HEIGHT + 20 * i + 4;
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"14\" height=\"4\" fill=\"%s\"/>"
                    + "<text x=\"%d\" y=\"%d\">%s</text>%n", LEFT, legendY, colour, LEFT + 20, legendY + 5, escape(results.get(i).target())));
        }
        return svg.append("</svg>\n").toString();
    }

    private static String trim(double ms) {
        return ms >= 1 ? String.format(Locale.ROOT, "%,.0f", ms) : String.format(Locale.ROOT, "%s", ms).replaceAll("0+$", "");
    }
}
