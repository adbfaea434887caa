package io.stranglerkit.kit.verify;

import io.stranglerkit.kit.KitException;
import io.stranglerkit.kit.bench.DurationOption;
import io.stranglerkit.kit.launcher.KitSettings;
import io.stranglerkit.kit.launcher.Topology;
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
 * Compares the monolith's products with an extracted service's copy: counts, then a checksum per
 * chunk of ids computed inside MariaDB (so 1M rows never travel), then, for the chunks that differ
 * only, the rows themselves, to name the ids and fields. Subclasses say which rows and fields.
 */
abstract class VerifyAgainstMonolith implements Callable<Integer> {

    @Option(names = "--wait", defaultValue = "0s", converter = DurationOption.class,
            description = "Keep checking until clean or this much time has passed (default ${DEFAULT-VALUE}).")
    Duration wait;

    @Option(names = "--chunk", defaultValue = "10000", description = "Ids per checksum chunk, 100-1000000 (default ${DEFAULT-VALUE}).")
    int chunk;

    @Option(names = "--show", defaultValue = "20", description = "How many differences to list, 0-10000 (default ${DEFAULT-VALUE}).")
    int show;

    /** Names of the compared fields, in the order both queries select them after the id. */
    abstract List<String> fields();

    /** {@code SELECT id, <fields> FROM <monolith tables> WHERE <id> BETWEEN ? AND ?} */
    abstract String monolithRows();

    /** The service's expressions for the same fields, in the same order. */
    abstract String serviceColumns();

    /** The same columns from the service's table, live rows only. */
    final String serviceRows() {
        return "SELECT id, " + serviceColumns() + " FROM " + serviceTable() + " WHERE " + serviceLiveRows() + " AND id BETWEEN ? AND ?";
    }

    /** The service's table, as {@code schema.table}, and a condition for its live rows. */
    abstract String serviceTable();

    abstract String serviceLiveRows();

    /** What the service's copy is called in the report, e.g. "search model". */
    abstract String serviceLabel();

    abstract String example();

    /** What to do about drift that --wait did not wait out. */
    abstract String repairHint();

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
            throw new KitException("--chunk must be 100-1000000, --show 0-10000 and --wait not negative", example(), 2);
        }
        Topology topology = new Topology(KitSettings.fromEnvironment());
        topology.requireReady(Topology.MARIADB);
        PrintStream out = System.out;
        long deadline = System.nanoTime() + wait.toNanos();
        try (Connection db = DriverManager.getConnection(Topology.jdbcUrl(topology.part(Topology.MARIADB).port(), ""), "kit", "kit")) {
            requireServiceTable(db);
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

    private void requireServiceTable(Connection db) throws SQLException {
        String[] table = serviceTable().split("\\.");
        try (ResultSet rs = db.getMetaData().getTables(table[0], null, table[1], null)) {
            if (!rs.next()) {
                throw new KitException("the " + serviceLabel() + " (" + serviceTable() + ") does not exist yet",
                        "start the kit with ./kit up; the service creates its tables on first start");
            }
        }
    }

    Report compare(Connection db, PrintStream out) throws SQLException {
        long started = System.nanoTime();
        String live = " FROM " + serviceTable() + " WHERE " + serviceLiveRows();
        long maxId = single(db, "SELECT GREATEST(COALESCE((SELECT MAX(id) FROM shop.product), 0),"
                + " COALESCE((SELECT MAX(id)" + live + "), 0))");
        long monolithRows = single(db, "SELECT COUNT(*) FROM shop.product");
        long serviceRows = single(db, "SELECT COUNT(*)" + live);
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
            if (!checksum(db, monolithRows(), from, to).equals(checksum(db, serviceRows(), from, to))) {
                differing++;
                Map<Long, List<String>> monolith = rows(db, monolithRows(), from, to);
                Map<Long, List<String>> service = rows(db, serviceRows(), from, to);
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
                        add(differences, id, "in the " + serviceLabel() + " only (not in the monolith)");
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

    String fieldsThatDiffer(List<String> monolith, List<String> service) {
        List<String> parts = new ArrayList<>();
        for (int f = 0; f < fields().size(); f++) {
            if (!Objects.equals(monolith.get(f), service.get(f))) {
                parts.add(fields().get(f) + ": monolith " + quote(monolith.get(f)) + ", service " + quote(service.get(f)));
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

    private Map<Long, List<String>> rows(Connection db, String sql, long from, long to) throws SQLException {
        Map<Long, List<String>> out = new TreeMap<>();
        try (PreparedStatement s = db.prepareStatement(sql)) {
            s.setLong(1, from);
            s.setLong(2, to);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    List<String> values = new ArrayList<>(fields().size());
                    for (int c = 2; c <= fields().size() + 1; c++) {
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

    private void print(Report r, PrintStream out) {
        String label = serviceLabel();
        out.printf(Locale.ROOT, "%n%-34s %12s %12s%n", "", "monolith", label.length() > 12 ? label.substring(label.lastIndexOf(' ') + 1) : label);
        out.printf(Locale.ROOT, "%-34s %,12d %,12d%n", "products", r.monolithRows(), r.serviceRows());
        out.printf(Locale.ROOT, "%-34s %,12d%n", "chunks compared (checksums)", r.chunks());
        out.printf(Locale.ROOT, "%-34s %,12d%n", "chunks that differ", r.differingChunks());
        out.printf(Locale.ROOT, "%-34s %,12d%n", "missing in the " + label, r.missing());
        out.printf(Locale.ROOT, "%-34s %,12d%n", "in the " + label + " only", r.extra());
        out.printf(Locale.ROOT, "%-34s %,12d%n", "rows with different fields", r.changed());
        for (Difference d : r.differences()) {
            out.printf(Locale.ROOT, "  id %d: %s%n", d.id(), d.what());
        }
        long listed = r.missing() + r.extra() + r.changed();
        if (listed > r.differences().size()) {
            out.printf(Locale.ROOT, "  ... and %,d more (--show N lists more)%n", listed - r.differences().size());
        }
        out.printf(Locale.ROOT, "%s (compared in %.1f s)%n", r.clean()
                ? "Clean: the " + label + " matches the monolith."
                : "Drift: the " + label + " differs from the monolith; if CDC is still catching up, retry with --wait 30s; "
                        + repairHint(), r.millis() / 1000.0);
    }
}
