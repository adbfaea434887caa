package io.stranglerkit.kit.bench;

import io.stranglerkit.kit.KitException;
import io.stranglerkit.kit.launcher.KitSettings;
import io.stranglerkit.kit.launcher.Part;
import io.stranglerkit.kit.launcher.Topology;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Measures what a user of the extracted search feels: a product committed into the monolith's
 * database with plain SQL, then found by the search service's API. Both ends are timed by this JVM.
 */
@Command(name = "freshness", mixinStandardHelpOptions = true,
        description = {"Measures search freshness: commit in the monolith's database -> found by the search service.",
                "Every --interval a probe product with a unique word is inserted and the service's search API is",
                "polled until it finds it, while a background load of --load inserts/s keeps CDC busy.",
                "The rows (sku FRSH-...) are deleted afterwards. The raw .hgrm file goes to .kit/reports/."})
public class FreshnessBenchCommand implements Callable<Integer> {

    private static final Duration GIVE_UP = Duration.ofSeconds(10);

    @Option(names = "--duration", defaultValue = "30s", converter = DurationOption.class,
            description = "How long to probe (default ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--interval", defaultValue = "100ms", converter = DurationOption.class,
            description = "Time between probes (default ${DEFAULT-VALUE}).")
    Duration interval;

    @Option(names = "--load", defaultValue = "200", description = "Background inserts per second, 0 for none (default ${DEFAULT-VALUE}).")
    int load;

    @Override
    public Integer call() throws Exception {
        if (duration.isZero() || interval.isZero() || load < 0 || load > 5_000) {
            throw new KitException("--duration and --interval must be above zero and --load 0-5000", "e.g. kit bench freshness --duration 30s --load 200", 2);
        }
        KitSettings settings = KitSettings.fromEnvironment();
        Topology topology = new Topology(settings);
        topology.requireReady(Topology.MARIADB, Topology.KAFKA, Topology.CDC_BRIDGE, Topology.SEARCH);
        PrintStream out = System.out;
        Part search = topology.part(Topology.SEARCH);
        String run = "FRSH-" + Long.toString(System.currentTimeMillis(), 36) + "-";
        String jdbc = Topology.jdbcUrl(topology.part(Topology.MARIADB).port(), "shop");
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        Histogram latencyUs = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
        long probes = 0;
        long missed = 0;
        AtomicBoolean loading = new AtomicBoolean(true);
        AtomicLong loadRows = new AtomicLong();
        try (Connection db = DriverManager.getConnection(jdbc, "kit", "kit");
             PreparedStatement insert = db.prepareStatement(
                     "INSERT INTO product (sku, name, description, price_cents, category_id) VALUES (?, ?, 'freshness bench row', 100, ?)")) {
            long category = CdcBenchCommand.benchCategory(db);
            Thread background = backgroundLoad(jdbc, run + "L", category, loading, loadRows);
            out.printf(Locale.ROOT, "Freshness bench: a probe every %d ms for %d s, %d background inserts/s, searching %s%n",
                    interval.toMillis(), duration.toSeconds(), load, search.url());
            ProgressBar bar = new ProgressBar(out, "probing", duration.toMillis());
            long start = System.nanoTime();
            long end = start + duration.toNanos();
            try {
                while (System.nanoTime() < end) {
                    long due = System.nanoTime() + interval.toNanos();
                    String word = "frsh" + run.substring(5, run.length() - 1) + "x" + probes; // one word no other row has
                    insert.setString(1, run + probes);
                    insert.setString(2, "Freshness probe " + word);
                    insert.setLong(3, category);
                    insert.executeUpdate();
                    long committed = System.nanoTime();
                    probes++;
                    if (awaitFound(http, search.url(), word, committed)) {
                        latencyUs.recordValue(Math.max(0, (System.nanoTime() - committed) / 1000));
                    } else {
                        missed++;
                    }
                    bar.update((System.nanoTime() - start) / 1_000_000);
                    long sleep = due - System.nanoTime();
                    if (sleep > 0) {
                        TimeUnit.NANOSECONDS.sleep(sleep);
                    }
                }
            } finally {
                bar.done();
                loading.set(false);
                background.join();
                CdcBenchCommand.cleanUp(db, run, category, out);
            }
        }
        out.printf(Locale.ROOT, "%n%8s %8s %14s %9s %9s %9s %9s %9s%n", "probes", "found", "not in 10 s", "load/s", "p50 ms", "p90 ms", "p99 ms", "max ms");
        out.printf(Locale.ROOT, "%,8d %,8d %,14d %9.0f %9s %9s %9s %9s%n", probes, latencyUs.getTotalCount(), missed,
                loadRows.get() / Math.max(1.0, duration.toMillis() / 1000.0),
                ms(latencyUs, 50), ms(latencyUs, 90), ms(latencyUs, 99),
                latencyUs.getTotalCount() == 0 ? "-" : String.format(Locale.ROOT, "%.1f", latencyUs.getMaxValue() / 1000.0));
        Path dir = settings.home().resolve("reports");
        Files.createDirectories(dir);
        Path hgrm = dir.resolve("bench-freshness-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".hgrm");
        try (PrintStream file = new PrintStream(Files.newOutputStream(hgrm), true, StandardCharsets.UTF_8)) {
            latencyUs.outputPercentileDistribution(file, 1000.0);
        }
        out.println("Raw histogram: " + hgrm);
        return missed == 0 ? 0 : 1;
    }

    /** Polls the search API for the probe's word until one hit comes back, or gives up after 10 s. */
    private static boolean awaitFound(HttpClient http, String base, String word, long committed) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/products/search?size=1&q=" + word))
                .timeout(Duration.ofSeconds(5)).build();
        while (System.nanoTime() - committed < GIVE_UP.toNanos()) {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200 && response.body().contains("\"total\":1")) {
                return true;
            }
            Thread.sleep(1);
        }
        return false;
    }

    /** Inserts bench rows at --load per second on its own connection, so CDC and the feed are never idle. */
    private Thread backgroundLoad(String jdbc, String prefix, long category, AtomicBoolean loading, AtomicLong rows) {
        Thread thread = new Thread(() -> {
            if (load == 0) {
                return;
            }
            try (Connection db = DriverManager.getConnection(jdbc, "kit", "kit");
                 PreparedStatement insert = db.prepareStatement(
                         "INSERT INTO product (sku, name, description, price_cents, category_id) VALUES (?, 'Freshness load', '', 100, ?)")) {
                long periodNs = 1_000_000_000L / load;
                long next = System.nanoTime();
                while (loading.get()) {
                    insert.setString(1, prefix + rows.get());
                    insert.setLong(2, category);
                    insert.executeUpdate();
                    rows.incrementAndGet();
                    next += periodNs;
                    long sleep = next - System.nanoTime();
                    if (sleep > 0) {
                        TimeUnit.NANOSECONDS.sleep(sleep);
                    }
                }
            } catch (Exception e) {
                System.err.println("background load stopped: " + e.getMessage());
            }
        }, "freshness-load");
        thread.start();
        return thread;
    }

    private static String ms(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? "-" : String.format(Locale.ROOT, "%.1f", h.getValueAtPercentile(percentile) / 1000.0);
    }
}
