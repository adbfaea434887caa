package io.stranglerkit.kit.bench;

import io.stranglerkit.kit.KitException;
import io.stranglerkit.kit.launcher.KitSettings;
import io.stranglerkit.kit.launcher.Part;
import io.stranglerkit.kit.launcher.Topology;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Sends the same request mix to the monolith and to the extracted service (directly, and",
                "through the proxy when it runs), one after the other, and prints them side by side.",
                "Targets that are not running are skipped. Raw .hgrm files go to .kit/reports/."})
public class CompareCommand implements Callable<Integer> {

    /** What a migratable route sends, and which extracted service answers it. */
    record Route(String pathTemplate, String service, String defaultQueries) {
    }

    static final Map<String, Route> ROUTES = Map.of(
            "search", new Route("/api/products/search?q=%s&size=20", Topology.SEARCH, "/bench/search-queries.txt"));

    @Parameters(paramLabel = "ROUTE", description = "The route to compare: ${COMPLETION-CANDIDATES}.", completionCandidates = RouteNames.class)
    String route;

    @Option(names = "--duration", defaultValue = "30s", converter = DurationOption.class,
            description = "Measuring time per target (default ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--warmup", defaultValue = "5s", converter = DurationOption.class,
            description = "Unmeasured warm-up per target (default ${DEFAULT-VALUE}).")
    Duration warmup;

    @ArgGroup(exclusive = true)
    Load load = new Load();

    static class Load {
        @Option(names = "--concurrency", defaultValue = "16", description = "Closed loop: requests in flight (default ${DEFAULT-VALUE}).")
        int concurrency = 16;

        @Option(names = "--rate", description = "Open loop: requests per second, latency measured from when each was due.")
        double rate;
    }

    @Option(names = "--queries", paramLabel = "FILE", description = "One query per line ('#' starts a comment); default: the built-in mix.")
    Path queries;

    @Option(names = "--sort", paramLabel = "ORDER", description = {
        "Search only: sends sort=ORDER (id, relevance) with every query.",
        "The monolith knows no ranking and answers sort=relevance with 400, so compare relevance on the service alone."})
    String sort;

    @Option(names = "--targets", split = ",", defaultValue = "monolith,service,proxy",
            description = "Which targets, in order (default ${DEFAULT-VALUE}).")
    List<String> targets;

    static class RouteNames extends ArrayList<String> {
        RouteNames() {
            super(ROUTES.keySet());
        }
    }

    @Override
    public Integer call() throws InterruptedException {
        Route definition = ROUTES.get(route);
        if (definition == null) {
            throw new KitException("unknown route '" + route + "'", "use one of: " + String.join(", ", ROUTES.keySet()), 2);
        }
        if (load.concurrency < 1 || load.concurrency > 512 || load.rate < 0 || duration.isZero()) {
            throw new KitException("--concurrency must be 1-512, --rate positive and --duration above zero", "e.g. --duration 30s --concurrency 16", 2);
        }
        KitSettings settings = KitSettings.fromEnvironment();
        Topology topology = new Topology(settings);
        List<String> lines = readQueries(definition);
        PrintStream out = System.out;

        List<LoadResult> results = new ArrayList<>();
        HttpLoad.Settings loadSettings = new HttpLoad.Settings(load.rate > 0 ? Math.max(load.concurrency, 64) : load.concurrency,
                load.rate, warmup, duration, Duration.ofSeconds(10));
        out.printf(Locale.ROOT, "Comparing route '%s': %d queries, %s, %s measured per target after %s warm-up%n",
                route, lines.size(), load.rate > 0 ? String.format(Locale.ROOT, "%.0f req/s (open loop)", load.rate)
                        : load.concurrency + " concurrent (closed loop)", human(duration), human(warmup));
        if (topology.part(Topology.ZIPKIN) != null) {
            // Every request is traced into Zipkin on the same machine: it shows in the figures (bench/README.md, tracing).
            out.println("Tracing is on (every request sampled): each target's figures include it; ./kit up --no-tracing to compare without.");
        }
        for (String target : targets) {
            Part part = switch (target) {
                case "monolith" -> topology.part(Topology.MONOLITH);
                case "service" -> topology.part(definition.service());
                case "proxy" -> topology.part(Topology.PROXY);
                default -> throw new KitException("unknown target '" + target + "'", "targets are monolith, service, proxy", 2);
            };
            String label = target + " (" + part.name() + ")";
            String missing = part.whyNotReady(settings.log(part.name()));
            if (missing != null) {
                out.printf("  %-40s skipped: %s%n", label, missing);
                continue;
            }
            List<URI> uris = lines.stream()
                    .map(q -> URI.create(part.url() + definition.pathTemplate().formatted(URLEncoder.encode(q, StandardCharsets.UTF_8))
                            + (sort == null ? "" : "&sort=" + URLEncoder.encode(sort, StandardCharsets.UTF_8))))
                    .toList();
            ProgressBar bar = new ProgressBar(out, label, duration.toMillis());
            results.add(new HttpLoad().run(label, uris, loadSettings, bar::update));
            bar.done();
        }
        if (results.isEmpty()) {
            throw new KitException("nothing to measure: no target of route '" + route + "' is running", "start the kit with ./kit up");
        }
        out.println();
        out.print(table(results));
        Path report = writeReport(settings, results);
        out.println("\nReport with a percentile chart: " + report.resolve("report.html") + " (raw .hgrm files beside it)");
        return results.stream().anyMatch(r -> r.errors() > 0) ? 1 : 0;
    }

    static String table(List<LoadResult> results) {
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT, "%-40s %9s %7s %8s %8s %8s %8s %8s %8s %10s%n",
                "target", "requests", "errors", "req/s", "p50 ms", "p90 ms", "p95 ms", "p99 ms", "max ms", "p95/first"));
        double baseline = results.get(0).percentileMs(95);
        for (LoadResult r : results) {
            table.append(String.format(Locale.ROOT, "%-40s %9d %7d %8.0f %8.2f %8.2f %8.2f %8.2f %8.1f %9.2fx%n",
                    r.target(), r.count(), r.errors(), r.throughput(), r.percentileMs(50), r.percentileMs(90),
                    r.percentileMs(95), r.percentileMs(99), r.maxMs(), r.percentileMs(95) / baseline));
        }
        return table.toString();
    }

    private List<String> readQueries(Route definition) {
        try {
            String text;
            if (queries != null) {
                if (!Files.isReadable(queries)) {
                    throw new KitException("cannot read --queries " + queries, "give a text file with one query per line", 2);
                }
                text = Files.readString(queries);
            } else {
                try (InputStream in = getClass().getResourceAsStream(definition.defaultQueries())) {
                    text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
            List<String> lines = text.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
            if (lines.isEmpty()) {
                throw new KitException("the query file has no queries", "put one query per line", 2);
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path writeReport(KitSettings settings, List<LoadResult> results) {
        Path dir = settings.home().resolve("reports").resolve("bench-" + route + "-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("summary.txt"), table(results));
            HtmlReport.write(dir.resolve("report.html"), "kit bench compare " + route,
                    String.format(Locale.ROOT, "%s; %s measured per target after %s warm-up; %s", load.rate > 0
                                    ? load.rate + " requests/s (open loop)" : load.concurrency + " concurrent (closed loop)",
                            human(duration), human(warmup), LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME)), results);
            for (LoadResult r : results) {
                String name = r.target().replaceAll("[^A-Za-z0-9-]+", "_") + ".hgrm";
                try (PrintStream hgrm = new PrintStream(Files.newOutputStream(dir.resolve(name)), true, StandardCharsets.UTF_8)) {
                    r.histogram().outputPercentileDistribution(hgrm, 1e6);
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String human(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
