package io.stranglerkit.kit.route;

import tools.jackson.databind.JsonNode;

import java.util.Locale;

import static io.stranglerkit.kit.Html.escape;

/**
 * A self-contained HTML page (no script, no network) of one route's parallel run: the outcomes as a
 * bar and a table, each differing path with its example side by side, and the last differing samples.
 */
final class DiffReport {

    private static final String[][] OUTCOMES = {{"identical", "#229954"}, {"noisy", "#7fb3d5"}, {"different", "#c0392b"},
            {"pending", "#f4d03f"}, {"unresolved", "#f5b041"}, {"dropped", "#aaaaaa"}, {"shadowErrors", "#7d3c98"}, {"skipped", "#dddddd"}};

    private DiffReport() {
    }

    static String html(JsonNode d) {
        String title = "Parallel run of " + d.path("route").asString();
        StringBuilder html = new StringBuilder("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(escape(title)).append("</title>\n<style>body{font-family:sans-serif;margin:2em;color:#222}"
                        + "table{border-collapse:collapse;margin-bottom:1.5em}td,th{padding:4px 10px;border-bottom:1px solid #ddd;"
                        + "text-align:left;vertical-align:top}pre{margin:0;white-space:pre-wrap;max-width:40em;font-size:12px}"
                        + "</style></head><body>\n<h1>").append(escape(title)).append("</h1>\n")
                .append(String.format(Locale.ROOT, "<p>Shadowing %d%% of reads, primary: %s, %s, since %s. Parity: <b>%s</b>.</p>%n",
                        d.path("shadowPercent").asInt(), escape(d.path("primary").asString()), escape(DiffCommand.replicas(d)),
                        escape(d.path("since").asString()), d.path("parityPercent").isNumber()
                                ? String.format(Locale.ROOT, "%.2f%%", d.path("parityPercent").asDouble()) : "nothing compared yet"));
        html.append(bar(d)).append("<table><tr>");
        for (String[] outcome : OUTCOMES) {
            html.append("<th>").append(outcome[0]).append("</th>");
        }
        html.append("<th>lagging (compared again)</th></tr>\n<tr>");
        for (String[] outcome : OUTCOMES) {
            html.append("<td>").append(d.path(outcome[0]).asLong()).append("</td>");
        }
        html.append("<td>").append(d.path("lagging").asLong()).append("</td></tr></table>\n");
        html.append("<h2>Differing paths</h2>\n<table><tr><th>path</th><th>count</th><th>primary</th><th>shadow</th></tr>\n");
        for (JsonNode p : d.path("topPaths")) {
            html.append("<tr><td><code>").append(escape(p.path("path").asString())).append("</code></td><td>")
                    .append(p.path("count").asLong()).append("</td><td><pre>").append(escape(p.path("example").path("primary").asString()))
                    .append("</pre></td><td><pre>").append(escape(p.path("example").path("shadow").asString())).append("</pre></td></tr>\n");
        }
        html.append("</table>\n<h2>Noise learned</h2>\n<p>");
        d.path("noise").forEach(n -> html.append("<code>").append(escape(n.path("path").asString())).append("</code> (seen ")
                .append(n.path("seen").asLong()).append(") "));
        html.append(d.path("noise").isEmpty() ? "none" : "").append("</p>\n<h2>Last differing reads</h2>\n<table>"
                + "<tr><th>at</th><th>request</th><th>paths</th><th>primary</th><th>shadow</th></tr>\n");
        for (JsonNode s : d.path("samples")) {
            html.append("<tr><td>").append(escape(s.path("at").asString())).append("</td><td>").append(escape(s.path("method").asString()))
                    .append(' ').append(escape(s.path("uri").asString())).append("<br>").append(escape(s.path("correlationId").asString("")))
                    .append("</td><td>").append(escape(s.path("paths").toString())).append("</td><td>").append(side(s.path("primary")))
                    .append("</td><td>").append(side(s.path("shadow"))).append("</td></tr>\n");
        }
        return html.append("</table>\n</body></html>\n").toString();
    }

    private static String side(JsonNode side) {
        return escape(side.path("side").asString()) + " " + side.path("status").asInt() + "<pre>" + escape(side.path("body").asString()) + "</pre>";
    }

    /** One stacked bar: every shadowed read by outcome. */
    private static String bar(JsonNode d) {
        long total = 0;
        for (String[] outcome : OUTCOMES) {
            total += d.path(outcome[0]).asLong();
        }
        if (total == 0) {
            return "";
        }
        StringBuilder svg = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"720\" height=\"50\" role=\"img\""
                + " aria-label=\"shadowed reads by outcome\">\n");
        double x = 0;
        for (String[] outcome : OUTCOMES) {
            double width = 720.0 * d.path(outcome[0]).asLong() / total;
            if (width > 0) {
                svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"0\" width=\"%.1f\" height=\"24\" fill=\"%s\"><title>%s: %d</title></rect>%n",
                        x, width, outcome[1], outcome[0], d.path(outcome[0]).asLong()));
                if (width > 60) {
                    svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"40\" font-size=\"12\">%s</text>%n", x + 2, outcome[0]));
                }
            }
            x += width;
        }
        return svg.append("</svg>\n").toString();
    }
}
