package io.stranglerkit.kit.verify;

import io.stranglerkit.kit.KitException;
import io.stranglerkit.kit.bench.DurationOption;
import io.stranglerkit.kit.launcher.KitSettings;
import io.stranglerkit.kit.launcher.Topology;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/**
 * Compares the monolith's products with the search service's read model: counts, then a checksum
 * per chunk of ids computed inside MariaDB (so 1M rows never travel), then, for the chunks that
 * differ only, the rows themselves, to name the ids and fields.
 */
@Command(name = "search", mixinStandardHelpOptions = true,
        description = {"Compares shop.product (with its category's name) with the search service's model (search.product_doc).",
                "Counts, per-chunk checksums of the fields the service keeps, then the ids and fields that differ.",
                "CDC is eventually consistent: --wait 30s keeps checking until clean or the time is up, then judges.",
                "Exit 0 clean, 1 drift, 2 bad usage."})
public class VerifySearchCommand implements Callable<Integer> {

    static final List<String> FIELDS = List.of("sku", "name", "description", "price_cents", "category_id", "category", "version");

    private static final String MONOLITH_ROWS = "SELECT p.id, p.sku, p.name, p.description, p.price_cents, p.category_id, c.name, p.version"
            + " FROM shop.product p JOIN shop.category c ON c.id = p.category_id WHERE p.id BETWEEN ? AND ?";
    private static final String SERVICE_ROWS = "SELECT id, sku, name, description, price_cents, category_id, category_name, version"
            + " FROM search.product_doc WHERE NOT deleted AND id BETWEEN ? AND ?";

    @Option(names = "--wait", defaultValue = "0s", converter = DurationOption.class,
            description = "Keep checking until clean or this much time has passed (default ${DEFAULT-VALUE}).")
    Duration wait;

    @Option(names = "--chunk", defaultValue = "10000", description = "Ids per checksum chunk, 100-1000000 (default ${DEFAULT-VALUE}).")
    int chunk;

    @Option(names = "--show", defaultValue = "20", description = "How many differences to list, 0-10000 (default ${DEFAULT-VALUE}).")
    int show;

    /** One row that is not the same on both sides. */
    record Difference(long id, String what) {
    }

    record Report(long monolithRows, long serviceRows, int chunks, int differingChunks, long missing, long extra, long changed,
                  List<Difference> differences, long millis) {
        boolean clean() {
            return differingChunks == 0 && monolithRows == serviceRows;
        }
    }

    @Override
    public Integer call() throws Exception {
        if (chunk < 100 || chunk > 1_000_000 || show < 0 || show > 10_000 || wait.isNegative()) {
            throw new KitException("--chunk must be 100-1000000, --show 0-10000 and --wait not negative", "e.g. kit verify search --wait 30s", 2);
        }
        Topology topology = new Topology(KitSettings.fromEnvironment());
        topology.requireReady(Topology.MARIADB);
        PrintStream out = System.out;
        long deadline = System.nanoTime() + wait.toNanos();
        try (Connection db = DriverManager.getConnection(Topology.jdbcUrl(topology.part(Topology.MARIADB).port(), ""), "kit", "kit")) {
            requireModel(db);
            Report report = compare(db, out);
            while (!report.clean() && System.nanoTime() < deadline) {
                out.printf(Locale.ROOT, "  not converged yet: %s; checking again%n", summary(report));
                Thread.sleep(1000);
                report = compare(db, out);
            }
            print(report, out);
            return report.clean() ? 0 : 1;
        }
    }

    private static void requireModel(Connection db) throws SQLException {
        try (ResultSet rs = db.getMetaData().getTables("search", null, "product_doc", null)) {
            if (!rs.next()) {
                throw new KitException("the search service's model (search.product_doc) does not exist yet",
                        "start the kit with ./kit up; the search service creates its tables on first start");
            }
        }
    }

    Report compare(Connection db, PrintStream out) throws SQLException {
        long started = System.nanoTime();
        long maxId = single(db, "SELECT GREATEST(COALESCE((SELECT MAX(id) FROM shop.product), 0),"
                + " COALESCE((SELECT MAX(id) FROM search.product_doc WHERE NOT deleted), 0))");
        long monolithRows = single(db, "SELECT COUNT(*) FROM shop.product");
        long serviceRows = single(db, "SELECT COUNT(*) FROM search.product_doc WHERE NOT deleted");
        int chunks = (int) ((maxId + chunk - 1) / chunk);
        int differing = 0;
        long missing = 0;
        long extra = 0;
        long changed = 0;
        List<Difference> differences = new ArrayList<>();
        int lastShownPercent = 0;
        for (int i = 0; i < chunks; i++) {
            long from = (long) i * chunk + 1;
            long to = from + chunk - 1;
            if (!checksum(db, MONOLITH_ROWS, from, to).equals(checksum(db, SERVICE_ROWS, from, to))) {
                differing++;
                Map<Long, List<String>> monolith = rows(db, MONOLITH_ROWS, from, to);
                Map<Long, List<String>> service = rows(db, SERVICE_ROWS, from, to);
                for (var row : monolith.entrySet()) {
                    List<String> theirs = service.get(row.getKey());
                    if (theirs == null) {
                        missing++;
                        add(differences, row.getKey(), "missing in the service");
                    } else if (!theirs.equals(row.getValue())) {
                        changed++;
                        add(differences, row.getKey(), fieldsThatDiffer(row.getValue(), theirs));
                    }
                }
                for (Long id : service.keySet()) {
                    if (!monolith.containsKey(id)) {
                        extra++;
                        add(differences, id, "in the search model only (not in the monolith)");
                    }
                }
            }
            int percent = (int) (100L * (i + 1) / chunks);
            if (chunks >= 20 && percent >= lastShownPercent + 25) {
                lastShownPercent = percent;
                out.printf(Locale.ROOT, "  checked %,d of %,d chunks (%d%%)%n", i + 1, chunks, percent);
            }
        }
        return new Report(monolithRows, serviceRows, chunks, differing, missing, extra, changed, differences,
                (System.nanoTime() - started) / 1_000_000);
    }

    private void add(List<Difference> differences, long id, String what) {
        if (differences.size() < show) {
            differences.add(new Difference(id, what));
        }
    }

    static String fieldsThatDiffer(List<String> monolith, List<String> service) {
        List<String> parts = new ArrayList<>();
        for (int f = 0; f < FIELDS.size(); f++) {
            if (!Objects.equals(monolith.get(f), service.get(f))) {
                parts.add(FIELDS.get(f) + ": monolith " + quote(monolith.get(f)) + ", service " + quote(service.get(f)));
            }
        }
        return String.join("; ", parts);
    }

    private static String quote(String value) {
        if (value == null) {
            return "null";
        }
        return "'" + (value.length() > 60 ? value.substring(0, 57) + "..." : value) + "'";
    }

    /** Row count and an order-independent checksum of the chunk, computed by MariaDB. */
    private static String checksum(Connection db, String rowsSql, long from, long to) throws SQLException {
        String columns = rowsSql.substring("SELECT ".length(), rowsSql.indexOf(" FROM "));
        String sql = "SELECT COUNT(*), COALESCE(BIT_XOR(CRC32(CONCAT_WS('|', " + columns + "))), 0)" + rowsSql.substring(rowsSql.indexOf(" FROM "));
        try (PreparedStatement s = db.prepareStatement(sql)) {
            s.setLong(1, from);
            s.setLong(2, to);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1) + ":" + rs.getLong(2);
            }
        }
    }

    private static Map<Long, List<String>> rows(Connection db, String sql, long from, long to) throws SQLException {
        Map<Long, List<String>> out = new TreeMap<>();
        try (PreparedStatement s = db.prepareStatement(sql)) {
            s.setLong(1, from);
            s.setLong(2, to);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    List<String> values = new ArrayList<>(FIELDS.size());
                    for (int c = 2; c <= FIELDS.size() + 1; c++) {
                        values.add(rs.getString(c));
                    }
                    out.put(rs.getLong(1), values);
                }
            }
        }
        return out;
    }

    private static long single(Connection db, String sql) throws SQLException {
        try (var s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String summary(Report r) {
        return String.format(Locale.ROOT, "%,d vs %,d products, %,d of %,d chunks differ (%,d missing in the service, %,d extra, %,d changed)",
                r.monolithRows(), r.serviceRows(), r.differingChunks(), r.chunks(), r.missing(), r.extra(), r.changed());
    }

    private static void print(Report r, PrintStream out) {
        out.printf(Locale.ROOT, "%n%-34s %12s %12s%n", "", "monolith", "search model");
        out.printf(Locale.ROOT, "%-34s %,12d %,12d%n", "products", r.monolithRows(), r.serviceRows());
        out.printf(Locale.ROOT, "%-34s %,12d%n", "chunks compared (checksums)", r.chunks());
        out.printf(Locale.ROOT, "%-34s %,12d%n", "chunks that differ", r.differingChunks());
        out.printf(Locale.ROOT, "%-34s %,12d%n", "missing in the search model", r.missing());
        out.printf(Locale.ROOT, "%-34s %,12d%n", "in the search model only", r.extra());
        out.printf(Locale.ROOT, "%-34s %,12d%n", "rows with different fields", r.changed());
        for (Difference d : r.differences()) {
            out.printf(Locale.ROOT, "  id %d: %s%n", d.id(), d.what());
        }
        long listed = r.missing() + r.extra() + r.changed();
        if (listed > r.differences().size()) {
            out.printf(Locale.ROOT, "  ... and %,d more (--show N lists more)%n", listed - r.differences().size());
        }
        out.printf(Locale.ROOT, "%s (compared in %.1f s)%n", r.clean()
                ? "Clean: the search model matches the monolith."
                : "Drift: the search model differs from the monolith; if CDC is still catching up, retry with --wait 30s;"
                        + " to repair, POST /admin/rebuild on the search service.", r.millis() / 1000.0);
    }
}
