package io.stranglerkit.kit.bench;

import io.stranglerkit.kit.KitException;
import io.stranglerkit.kit.launcher.KitSettings;
import io.stranglerkit.kit.launcher.Topology;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Measures the catalog extraction's writes: (1) the latency of a product update through the proxy
 * when the monolith takes it and when the catalog service does, alternating in one run; (2) how long
 * after a burst of writes on one side the other side's database has every one of them (p50/p99),
 * in both directions.
 */
@Command(name = "catalog", mixinStandardHelpOptions = true,
        description = {"Measures product writes: latency through the proxy, monolith vs catalog service (forced with X-Route-To,",
                "alternating), then convergence after a burst: each write's response -> its version in the other database.",
                "Bench products (sku BENCH-CAT-...) are created first and left in place."})
public class CatalogBenchCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration GIVE_UP = Duration.ofSeconds(60);

    @Option(names = "--writes", defaultValue = "400", description = "Updates per side for the latency part, 10-100000 (default ${DEFAULT-VALUE}).")
    int writes;

    @Option(names = "--burst", defaultValue = "1000", description = "Updates per direction for the convergence part, 10-100000 (default ${DEFAULT-VALUE}).")
    int burst;

    @Option(names = "--concurrency", defaultValue = "4", description = "Concurrent writers, 1-64 (default ${DEFAULT-VALUE}).")
    int concurrency;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final PrintStream out = System.out;
    private String token;

    /** A product one writer owns on one side, with the version it last wrote. */
    private static final class Owned {
        final long id;
        final String sku;
        long version;

        Owned(long id, String sku, long version) {
            this.id = id;
            this.sku = sku;
            this.version = version;
        }
    }

    @Override
    public Integer call() throws Exception {
        if (writes < 10 || writes > 100_000 || burst < 10 || burst > 100_000 || concurrency < 1 || concurrency > 64) {
            throw new KitException("--writes and --burst must be 10-100000, --concurrency 1-64", "e.g. kit bench catalog --writes 400 --burst 1000", 2);
        }
        KitSettings settings = KitSettings.fromEnvironment();
        Topology topology = new Topology(settings);
        topology.requireReady(Topology.MARIADB, Topology.KAFKA, Topology.MONOLITH, Topology.CDC_BRIDGE, Topology.CATALOG, Topology.PROXY);
        token = Topology.adminToken(settings);
        String proxy = topology.part(Topology.PROXY).url();
        String monolith = topology.part(Topology.MONOLITH).url();
        String catalog = topology.part(Topology.CATALOG).url();
        requireTwoWaySync(catalog);

        String run = "BENCH-CAT-" + Long.toString(System.currentTimeMillis(), 36);
        out.printf(Locale.ROOT, "Catalog bench: %d writers; creating their products...%n", concurrency);
        List<Owned> viaMonolith = create(monolith, run + "-M", catalog);
        List<Owned> viaCatalog = create(monolith, run + "-C", catalog);

        // 1. Latency through the proxy, both sides in one run, alternating so both see the same machine.
        Histogram monolithUs = new org.HdrHistogram.ConcurrentHistogram(TimeUnit.SECONDS.toMicros(60), 3);
        Histogram serviceUs = new org.HdrHistogram.ConcurrentHistogram(TimeUnit.SECONDS.toMicros(60), 3);
        AtomicInteger errors = new AtomicInteger();
        Progress bar = new Progress("write latency", 2 * writes);
        AtomicInteger done = new AtomicInteger();
        runWriters(writes * 2, (worker, i) -> {
            boolean toService = i % 2 == 1;
            Owned p = (toService ? viaCatalog : viaMonolith).get(worker);
            long start = System.nanoTime();
            int status = update(proxy, p, toService ? "service" : "monolith", i);
            long micros = (System.nanoTime() - start) / 1000;
            if (status == 200) {
                (toService ? serviceUs : monolithUs).recordValue(Math.min(micros, TimeUnit.SECONDS.toMicros(60)));
            } else {
                errors.incrementAndGet();
            }
            bar.update(done.incrementAndGet());
        });

        // 2. Convergence after a burst, each direction.
        Histogram toShopMs = converge("catalog -> monolith", proxy, viaCatalog, "service", "shop.product", topology);
        Histogram toCatalogMs = converge("monolith -> catalog", proxy, viaMonolith, "monolith", "catalog.product", topology);

        out.printf(Locale.ROOT, "%nWrite latency through the proxy (PUT /api/products/{id}), %d writers, %d per side:%n", concurrency, writes);
        out.printf(Locale.ROOT, "%-22s %10s %10s %10s %10s%n", "", "p50 ms", "p95 ms", "p99 ms", "count");
        latencyRow("monolith", monolithUs);
        latencyRow("catalog service", serviceUs);
        out.printf(Locale.ROOT, "%-22s %10.2fx %9.2fx %9.2fx   (service / monolith)%n", "ratio",
                ratio(serviceUs, monolithUs, 50), ratio(serviceUs, monolithUs, 95), ratio(serviceUs, monolithUs, 99));
        out.printf(Locale.ROOT, "errors: %d%n", errors.get());
        out.printf(Locale.ROOT, "%nConvergence after a burst of %d updates (response -> visible in the other database):%n", burst);
        out.printf(Locale.ROOT, "%-22s %10s %10s %10s %10s%n", "", "p50 ms", "p99 ms", "max ms", "count");
        convergenceRow("catalog -> monolith", toShopMs);
        convergenceRow("monolith -> catalog", toCatalogMs);
        return errors.get() == 0 ? 0 : 1;
    }

    private void requireTwoWaySync(String catalog) throws Exception {
        JsonNode status = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(catalog + "/status")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        if (!status.path("writesOpen").asBoolean() || !status.path("forwardSync").path("enabled").asBoolean()) {
            throw new KitException("the catalog must take writes and follow the monolith (writes open, forward sync on): " + status,
                    "wait for the catalog's initial load, or turn the forward sync on: kit walkthrough --step 10");
        }
    }

    /** One product per writer, created in the monolith and waited for in the catalog. */
    private List<Owned> create(String monolith, String skuPrefix, String catalog) throws Exception {
        List<Owned> owned = new ArrayList<>();
        for (int w = 0; w < concurrency; w++) {
            String sku = skuPrefix + "-" + w;
            HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(monolith + "/api/products"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"sku\":\"" + sku + "\",\"name\":\"bench product\",\"price\":\"1.00\",\"categoryId\":"
                            + firstCategory(monolith) + "}")).build(), HttpResponse.BodyHandlers.ofString());
            if (created.statusCode() != 201) {
                throw new KitException("could not create a bench product: " + created.body(), "./kit logs legacy-monolith");
            }
            owned.add(new Owned(JSON.readTree(created.body()).path("id").asLong(), sku, 0));
        }
        long deadline = System.nanoTime() + GIVE_UP.toNanos();
        for (Owned p : owned) {
            while (http.send(HttpRequest.newBuilder(URI.create(catalog + "/api/products/" + p.id)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() != 200) {
                if (System.nanoTime() > deadline) {
                    throw new KitException("bench product " + p.id + " did not reach the catalog in 60 s", "./kit status");
                }
                Thread.sleep(20);
            }
        }
        return owned;
    }

    private long category = -1;

    private long firstCategory(String monolith) throws Exception {
        if (category < 0) {
            category = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(monolith + "/api/categories")).build(),
                    HttpResponse.BodyHandlers.ofString()).body()).get(0).path("id").asLong();
        }
        return category;
    }

    /** PUT through the proxy, forced to one side; on 200 the owned version moves on. */
    private int update(String proxy, Owned p, String side, int i) throws Exception {
        String body = String.format(Locale.ROOT, "{\"sku\":\"%s\",\"name\":\"bench product\",\"price\":\"%d.%02d\",\"categoryId\":%d,\"version\":%d}",
                p.sku, 1 + i % 500, i % 100, category, p.version);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(proxy + "/api/products/" + p.id))
                .header("Content-Type", "application/json").header("X-Route-To", side).header("Authorization", "Bearer " + token)
                .PUT(HttpRequest.BodyPublishers.ofString(body)).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) {
            p.version = JSON.readTree(response.body()).path("version").asLong();
        }
        return response.statusCode();
    }

    /**
     * Writes {@code burst} updates on one side as fast as the writers go, while a poller reads the
     * other database every 5 ms; a write has converged when the other side shows its version.
     */
    private Histogram converge(String label, String proxy, List<Owned> products, String side, String otherTable,
                               Topology topology) throws Exception {
        Histogram ms = new org.HdrHistogram.ConcurrentHistogram(GIVE_UP.toMillis(), 3);
        Map<String, Long> answeredAt = new ConcurrentHashMap<>(); // "id:version" -> when the write's response came
        Map<Long, Long> seenVersion = new ConcurrentHashMap<>();
        Progress bar = new Progress(label, burst);
        AtomicInteger done = new AtomicInteger();
        String ids = products.stream().map(p -> String.valueOf(p.id)).collect(Collectors.joining(","));
        try (Connection db = DriverManager.getConnection(Topology.jdbcUrl(topology.part(Topology.MARIADB).port(), ""), "kit", "kit")) {
            String live = otherTable.startsWith("catalog") ? " AND deleted_at IS NULL" : "";
            // Where the other side stands before the burst: the poller counts every version after it.
            products.forEach(p -> seenVersion.put(p.id, p.version));
            Thread poller = new Thread(() -> {
                long deadline = Long.MAX_VALUE;
                try (Statement s = db.createStatement()) {
                    while (System.nanoTime() < deadline) {
                        long now = System.nanoTime();
                        try (ResultSet rs = s.executeQuery("SELECT id, version FROM " + otherTable + " WHERE id IN (" + ids + ")" + live)) {
                            while (rs.next()) {
                                long id = rs.getLong(1);
                                long version = rs.getLong(2);
                                Long before = seenVersion.put(id, version);
                                for (long v = (before == null ? version : before + 1); v <= version; v++) {
                                    Long answered = answeredAt.remove(id + ":" + v);
                                    if (answered != null) {
                                        ms.recordValue(Math.max(0, Math.min(GIVE_UP.toMillis(), (now - answered) / 1_000_000)));
                                    }
                                }
                            }
                        }
                        if (deadline == Long.MAX_VALUE && done.get() >= burst) {
                            deadline = System.nanoTime() + GIVE_UP.toNanos();
                        }
                        if (done.get() >= burst && answeredAt.isEmpty()) {
                            return;
                        }
                        Thread.sleep(5);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, "convergence-poller");
            poller.start();
            runWriters(burst, (worker, i) -> {
                Owned p = products.get(worker);
                if (update(proxy, p, side, i) == 200) {
                    answeredAt.put(p.id + ":" + p.version, System.nanoTime());
                    // The other side may already show it (this thread was slow to get here): that is 0 ms.
                    Long seen = seenVersion.get(p.id);
                    if (seen != null && seen >= p.version && answeredAt.remove(p.id + ":" + p.version) != null) {
                        ms.recordValue(0);
                    }
                }
                bar.update(done.incrementAndGet());
            });
            poller.join(GIVE_UP.toMillis() + 5000);
            if (!answeredAt.isEmpty()) {
                out.printf(Locale.ROOT, "  %d writes not seen in %s within %d s (id:version %s; last seen %s)%n", answeredAt.size(), otherTable,
                        GIVE_UP.toSeconds(), answeredAt.keySet().stream().sorted().limit(5).toList(), seenVersion);
            }
        }
        return ms;
    }

    /** A line at every tenth of the writes (writers report from several threads). */
    private final class Progress {
        private final String label;
        private final int total;

        Progress(String label, int total) {
            this.label = label;
            this.total = total;
        }

        void update(int done) {
            if (done % Math.max(1, total / 10) == 0 || done == total) {
                synchronized (out) {
                    out.printf(Locale.ROOT, "  %-22s %,7d / %,d writes (%d%%)%n", label, done, total, 100L * done / total);
                }
            }
        }
    }

    @FunctionalInterface
    private interface Write {
        void run(int worker, int i) throws Exception;
    }

    /** {@code total} writes spread over the writers; writer w does every w-th one on its own products. */
    private void runWriters(int total, Write write) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < concurrency; w++) {
                int worker = w;
                futures.add(pool.submit(() -> {
                    for (int i = worker; i < total; i += concurrency) {
                        write.run(worker, i);
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** p50, p95, p99 of a histogram in microseconds, shown in ms. */
    private void latencyRow(String label, Histogram us) {
        out.printf(Locale.ROOT, "%-22s %10.1f %10.1f %10.1f %10d%n", label, us.getValueAtPercentile(50) / 1000.0,
                us.getValueAtPercentile(95) / 1000.0, us.getValueAtPercentile(99) / 1000.0, us.getTotalCount());
    }

    /** p50, p99, max of a histogram in milliseconds. */
    private void convergenceRow(String label, Histogram ms) {
        out.printf(Locale.ROOT, "%-22s %10d %10d %10d %10d%n", label, ms.getValueAtPercentile(50), ms.getValueAtPercentile(99),
                ms.getMaxValue(), ms.getTotalCount());
    }

    private static double ratio(Histogram a, Histogram b, double percentile) {
        return (double) a.getValueAtPercentile(percentile) / Math.max(1, b.getValueAtPercentile(percentile));
    }
}
