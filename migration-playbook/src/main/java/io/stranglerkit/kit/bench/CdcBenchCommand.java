package io.stranglerkit.kit.bench;

import io.stranglerkit.kit.KitException;
import io.stranglerkit.kit.launcher.KitSettings;
import io.stranglerkit.kit.launcher.Part;
import io.stranglerkit.kit.launcher.Topology;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.io.IOException;
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
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * Measures the CDC path end to end on the running kit: rows committed into {@code shop.product} with
 * plain SQL, then seen by a Kafka consumer on {@code legacy.shop.product}. Timestamps on both ends come
 * from this one JVM's clock, so the latency is exact to the consumer's poll.
 */
@Command(name = "cdc", mixinStandardHelpOptions = true,
        description = {"Measures CDC: commit in the monolith's database -> event in Kafka.",
                "Phase 'latency' inserts rows at a fixed rate and reports p50/p99; phase 'burst' inserts as fast",
                "as it can in transactions of --batch rows and reports throughput and lost rows.",
                "The rows (sku CDCB-...) are deleted afterwards. Raw .hgrm files go to .kit/reports/."})
public class CdcBenchCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--rate", defaultValue = "500", description = "Changes per second in the latency phase (default ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--duration", defaultValue = "30s", converter = DurationOption.class,
            description = "Length of the latency phase (default ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--burst", defaultValue = "60s", converter = DurationOption.class,
            description = "Length of the burst phase (default ${DEFAULT-VALUE}).")
    Duration burst;

    @Option(names = "--batch", defaultValue = "1000", description = "Rows per transaction in the burst phase (default ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--phases", split = ",", defaultValue = "latency,burst", description = "Which phases, in order (default ${DEFAULT-VALUE}).")
    List<String> phases;

    @Option(names = "--topic", defaultValue = "legacy.shop.product", description = "The product change topic (default ${DEFAULT-VALUE}).")
    String topic;

    record PhaseResult(String phase, long written, long seen, long duplicates, double writeRate, double deliverRate, Histogram latencyUs) {
        long lost() {
            return written - seen;
        }
    }

    @Override
    public Integer call() throws Exception {
        if (rate < 1 || rate > 20_000 || batch < 1 || batch > 10_000 || duration.isZero() || burst.isZero()) {
            throw new KitException("--rate must be 1-20000, --batch 1-10000, and durations above zero", "e.g. kit bench cdc --rate 500 --duration 30s", 2);
        }
        for (String phase : phases) {
            if (!phase.equals("latency") && !phase.equals("burst")) {
                throw new KitException("unknown phase '" + phase + "'", "phases are latency and burst", 2);
            }
        }
        KitSettings settings = KitSettings.fromEnvironment();
        Topology topology = new Topology(settings);
        topology.requireReady(Topology.MARIADB, Topology.KAFKA, Topology.CDC_BRIDGE);
        PrintStream out = System.out;
        awaitStreaming(topology.part(Topology.CDC_BRIDGE), out);
        String run = "CDCB-" + Long.toString(System.currentTimeMillis(), 36) + "-";
        String jdbc = Topology.jdbcUrl(topology.part(Topology.MARIADB).port(), "shop");
        List<PhaseResult> results = new ArrayList<>();
        try (Connection db = DriverManager.getConnection(jdbc, "kit", "kit");
             ChangeWatcher watcher = new ChangeWatcher(topology.kafka().bootstrapServers(), topic, run)) {
            long category = benchCategory(db);
            out.printf(Locale.ROOT, "CDC bench: rows '%s*' into shop.product, watched on %s%n", run, topic);
            try {
                for (String phase : phases) {
                    results.add(phase.equals("latency") ? latency(db, watcher, run + "L", category, out) : burst(db, watcher, run + "B", category, out));
                }
            } finally {
                cleanUp(db, run, category, out);
            }
        }
        printTable(results, out);
        Path report = writeReport(settings, results);
        out.println("\nRaw percentile distributions (.hgrm) and this table: " + report);
        return results.stream().anyMatch(r -> r.lost() > 0) ? 1 : 0;
    }

    /**
     * Measured during the bridge's initial snapshot, bench rows queue behind 100k snapshot reads and
     * the latency is the snapshot's length: wait until the bridge streams.
     */
    private static void awaitStreaming(Part bridge, PrintStream out) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        String state = "unknown";
        boolean told = false;
        while (System.nanoTime() < deadline) {
            try {
                JsonNode status = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(bridge.url() + "/status"))
                        .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString()).body());
                state = status.path("state").asString();
                if (state.equals("streaming")) {
                    return;
                }
                if (!told) {
                    out.printf(Locale.ROOT, "  waiting for the cdc-bridge to stream (now %s, %,d events published)...%n",
                            state, status.path("events").path("published").asLong());
                    told = true;
                }
            } catch (IOException e) {
                state = "no answer";
            }
            Thread.sleep(1000);
        }
        throw new KitException("the cdc-bridge is not streaming after 10 minutes (state: " + state + ")",
                "see ./kit status and ./kit logs cdc-bridge");
    }

    private PhaseResult latency(Connection db, ChangeWatcher watcher, String prefix, long category, PrintStream out) throws Exception {
        int rows = (int) Math.max(1, rate * duration.toMillis() / 1000);
        long[] committedAt = new long[rows];
        ProgressBar bar = new ProgressBar(out, String.format(Locale.ROOT, "latency: %d rows at %d/s", rows, rate), duration.toMillis());
        long periodNanos = TimeUnit.SECONDS.toNanos(1) / rate;
        long start = System.nanoTime();
        db.setAutoCommit(true);
        try (PreparedStatement insert = insertStatement(db)) {
            for (int i = 0; i < rows; i++) {
                long due = start + i * periodNanos;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                bind(insert, prefix, i, category);
                insert.executeUpdate();
                committedAt[i] = System.nanoTime();
                if (i % rate == 0) {
                    bar.update((System.nanoTime() - start) / 1_000_000);
                }
            }
        }
        bar.update(duration.toMillis());
        bar.done();
        double writeRate = rows / ((System.nanoTime() - start) / 1e9);
        watcher.awaitAll(prefix, rows, Duration.ofSeconds(60));
        Histogram latency = new Histogram(TimeUnit.MINUTES.toMicros(10), 3);
        for (int i = 0; i < rows; i++) {
            Long seenAt = watcher.seenAt(prefix + i);
            if (seenAt != null) {
                latency.recordValue(Math.max(0, (seenAt - committedAt[i]) / 1000));
            }
        }
        long seen = watcher.count(prefix);
        return new PhaseResult("latency", rows, seen, watcher.duplicates(prefix), writeRate, seen / Math.max(1e-9, duration.toMillis() / 1000.0), latency);
    }

    private PhaseResult burst(Connection db, ChangeWatcher watcher, String prefix, long category, PrintStream out) throws Exception {
        ProgressBar bar = new ProgressBar(out, "burst: transactions of " + batch + " rows", burst.toMillis());
        long start = System.nanoTime();
        long end = start + burst.toNanos();
        int written = 0;
        db.setAutoCommit(false);
        try (PreparedStatement insert = insertStatement(db)) {
            while (System.nanoTime() < end) {
                for (int i = 0; i < batch; i++) {
                    bind(insert, prefix, written + i, category);
                    insert.addBatch();
                }
                insert.executeBatch();
                db.commit();
                written += batch;
                bar.update((System.nanoTime() - start) / 1_000_000);
            }
        } finally {
            db.setAutoCommit(true);
        }
        double writeSeconds = (System.nanoTime() - start) / 1e9;
        bar.done();
        out.printf(Locale.ROOT, "  waiting for %,d rows to reach Kafka...%n", written);
        watcher.awaitAll(prefix, written, Duration.ofSeconds(180));
        long seen = watcher.count(prefix);
        double deliverSeconds = (watcher.lastSeenAt(prefix) - start) / 1e9;
        return new PhaseResult("burst", written, seen, watcher.duplicates(prefix), written / writeSeconds,
                seen / Math.max(1e-9, deliverSeconds), null);
    }

    private static PreparedStatement insertStatement(Connection db) throws SQLException {
        return db.prepareStatement("INSERT INTO product (sku, name, description, price_cents, category_id) VALUES (?, ?, 'cdc bench row', ?, ?)");
    }

    private static void bind(PreparedStatement insert, String prefix, int seq, long category) throws SQLException {
        insert.setString(1, prefix + seq);
        insert.setString(2, "CDC bench " + seq);
        insert.setLong(3, 100 + seq % 10_000);
        insert.setLong(4, category);
    }

    static long benchCategory(Connection db) throws SQLException {
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("SELECT id FROM category WHERE name = 'cdc-bench' LIMIT 1")) {
            if (rs.next()) {
                return rs.getLong(1);
            }
        }
        try (Statement s = db.createStatement()) {
            s.executeUpdate("INSERT INTO category (name) VALUES ('cdc-bench')", Statement.RETURN_GENERATED_KEYS);
            try (ResultSet keys = s.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    /** Deletes the bench rows in chunks (the deletes flow through CDC like any change). */
    static void cleanUp(Connection db, String run, long category, PrintStream out) throws SQLException {
        long deleted = 0;
        try (PreparedStatement delete = db.prepareStatement("DELETE FROM product WHERE sku LIKE ? LIMIT 10000")) {
            delete.setString(1, run + "%");
            int n;
            while ((n = delete.executeUpdate()) > 0) {
                deleted += n;
            }
            try (PreparedStatement drop = db.prepareStatement("DELETE FROM category WHERE id = ? AND NOT EXISTS (SELECT 1 FROM product WHERE category_id = ?)")) {
                drop.setLong(1, category);
                drop.setLong(2, category);
                drop.executeUpdate();
            }
        }
        out.printf(Locale.ROOT, "  removed %,d bench rows%n", deleted);
    }

    private static void printTable(List<PhaseResult> results, PrintStream out) {
        out.printf(Locale.ROOT, "%n%-8s %10s %10s %6s %6s %12s %14s %9s %9s %9s %9s%n", "phase", "written", "in Kafka", "lost", "dups",
                "written/s", "delivered/s", "p50 ms", "p90 ms", "p99 ms", "max ms");
        for (PhaseResult r : results) {
            Histogram h = r.latencyUs();
            out.printf(Locale.ROOT, "%-8s %,10d %,10d %6d %6d %,12.0f %,14.0f %9s %9s %9s %9s%n", r.phase(), r.written(), r.seen(), r.lost(), r.duplicates(),
                    r.writeRate(), r.deliverRate(), ms(h, 50), ms(h, 90), ms(h, 99), h == null ? "-" : String.format(Locale.ROOT, "%.1f", h.getMaxValue() / 1000.0));
        }
    }

    private static String ms(Histogram h, double percentile) {
        return h == null || h.getTotalCount() == 0 ? "-" : String.format(Locale.ROOT, "%.1f", h.getValueAtPercentile(percentile) / 1000.0);
    }

    private static Path writeReport(KitSettings settings, List<PhaseResult> results) throws IOException {
        Path dir = settings.home().resolve("reports").resolve("bench-cdc-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        Files.createDirectories(dir);
        for (PhaseResult r : results) {
            if (r.latencyUs() != null) {
                try (PrintStream hgrm = new PrintStream(Files.newOutputStream(dir.resolve(r.phase() + ".hgrm")), true, StandardCharsets.UTF_8)) {
                    r.latencyUs().outputPercentileDistribution(hgrm, 1000.0);
                }
            }
        }
        try (PrintStream table = new PrintStream(Files.newOutputStream(dir.resolve("summary.txt")), true, StandardCharsets.UTF_8)) {
            printTable(results, table);
        }
        return dir;
    }
}
