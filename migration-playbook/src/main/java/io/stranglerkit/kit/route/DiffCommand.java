package io.stranglerkit.kit.route;

import io.stranglerkit.kit.KitException;
import io.stranglerkit.kit.launcher.KitSettings;
import io.stranglerkit.kit.launcher.Part;
import io.stranglerkit.kit.launcher.Topology;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "diff", mixinStandardHelpOptions = true,
        description = {"The parallel run of a read route: how many shadowed reads answered the same on both sides,",
                "which JSON paths differ (with an example of each), what was learned as noise, what waited for",
                "the read model's lag. Shadow reads first: ./kit route set ROUTE PCT --shadow 100."})
public class DiffCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "ROUTE", description = "search or catalog-read")
    String route;

    @Option(names = "--html", description = "Also write a report with each differing path side by side to .kit/reports/.")
    boolean html;

    @Option(names = "--reset", description = "Start the route's count over (after a fix, for example).")
    boolean reset;

    @Override
    public Integer call() {
        KitSettings settings = KitSettings.fromEnvironment();
        ProxyAdminClient proxy = new ProxyAdminClient(settings);
        // Each replica compares the reads it serves; reset starts over on each one that runs.
        JsonNode diffs = reset ? resetEveryReplica(settings, route) : proxy.get("/admin/diffs/" + route + "?scope=replicas");
        System.out.print(text(diffs));
        if (html) {
            Path file = settings.home().resolve("reports").resolve("diff-" + route + "-"
                    + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".html");
            try {
                Files.createDirectories(file.getParent());
                Files.writeString(file, DiffReport.html(diffs));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            System.out.println("report: " + file);
        }
        if (diffs.path("shadowPercent").asInt() == 0 && diffs.path("compared").asLong() == 0) {
            throw new KitException(route + " shadows no reads, so nothing was compared",
                    "./kit route set " + route + " <percent> --shadow 100, send some reads, then ./kit diff " + route, 1);
        }
        return 0;
    }

    /** Starts a route's parallel-run count over on every proxy replica that runs; returns one replica's answer. */
    public static JsonNode resetEveryReplica(KitSettings settings, String route) {
        JsonNode last = null;
        for (Part replica : new Topology(settings).proxies()) {
            try {
                last = new ProxyAdminClient(settings, replica.otherPorts().get(0)).delete("/admin/diffs/" + route);
            } catch (KitException notRunning) {
                // a replica that is down has nothing to reset
            }
        }
        if (last == null) {
            throw new KitException("no routing proxy replica answered", "start the kit: ./kit up");
        }
        return last;
    }

    static String text(JsonNode d) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%s: shadowing %d%% of reads (primary: %s), %s, since %s%n%n",
                d.path("route").asString(), d.path("shadowPercent").asInt(), d.path("primary").asString(), replicas(d),
                d.path("since").asString()));
        out.append(String.format(Locale.ROOT, "%8s %9s %6s %9s %8s | %7s %7s %10s | %7s %6s %7s%n", "COMPARED", "IDENTICAL", "NOISY",
                "DIFFERENT", "PARITY", "LAGGING", "PENDING", "UNRESOLVED", "DROPPED", "ERRORS", "SKIPPED"));
        JsonNode parity = d.path("parityPercent");
        out.append(String.format(Locale.ROOT, "%8d %9d %6d %9d %8s | %7d %7d %10d | %7d %6d %7d%n", d.path("compared").asLong(),
                d.path("identical").asLong(), d.path("noisy").asLong(), d.path("different").asLong(),
                parity.isNumber() ? String.format(Locale.ROOT, "%.2f%%", parity.asDouble()) : "-", d.path("lagging").asLong(),
                d.path("pending").asLong(), d.path("unresolved").asLong(), d.path("dropped").asLong(), d.path("shadowErrors").asLong(),
                d.path("skipped").asLong()));
        out.append("parity = (identical + noisy) / compared. Lagging: differed at first, so compared again once CDC had caught\n"
                + "up (pending: still waiting; unresolved: CDC did not catch up in time, not judged). Only what still differed\n"
                + "then is different. Dropped: over the proxy's bound of shadow calls; errors: the shadow side failed.\n");
        if (!d.path("topPaths").isEmpty()) {
            out.append(String.format(Locale.ROOT, "%n%-40s %6s  %-30s %-30s%n", "DIFFERING PATH", "COUNT", "PRIMARY (example)", "SHADOW"));
            for (JsonNode p : d.path("topPaths")) {
                out.append(String.format(Locale.ROOT, "%-40s %6d  %-30s %-30s%n", p.path("path").asString(), p.path("count").asLong(),
                        cut(p.path("example").path("primary").asString()), cut(p.path("example").path("shadow").asString())));
            }
        }
        if (!d.path("noise").isEmpty()) {
            out.append("\nnoise (differs between two answers of the same side; not counted):");
            d.path("noise").forEach(n -> out.append(' ').append(n.path("path").asString()).append(" (seen ")
                    .append(n.path("seen").asLong()).append(')'));
            out.append('\n');
        }
        return out.toString();
    }

    /** Which replicas' comparisons these are. */
    static String replicas(JsonNode d) {
        if (!d.has("replicas")) {
            return "replica " + d.path("replica").asString();
        }
        List<String> names = new ArrayList<>();
        d.path("replicas").forEach(r -> names.add(r.path("replica").asString() + (r.path("answered").asBoolean() ? "" : " (not answering)")));
        return (names.size() == 1 ? "replica " : "replicas ") + String.join(", ", names);
    }

    private static String cut(String value) {
        return value.length() <= 30 ? value : value.substring(0, 27) + "...";
    }
}
