package io.stranglerkit.kit.verify;

import io.stranglerkit.contract.Violation;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Answers checked per operation and side, and every violation, as {@code kit verify contract} prints them. */
final class ContractTally {

    static final List<String> SIDES = List.of("monolith", "search-service", "catalog-service");

    private final Map<String, Map<String, int[]>> checked = new TreeMap<>();
    private final List<Violation> violations = new ArrayList<>();

    /** One answer of {@code side} to {@code operation}: [answers, violating answers]. */
    void add(String operation, String side, List<Violation> found) {
        int[] counts = checked.computeIfAbsent(operation, o -> new TreeMap<>()).computeIfAbsent(side, s -> new int[2]);
        counts[0]++;
        if (!found.isEmpty()) {
            counts[1]++;
            found.forEach(v -> violations.add(new Violation(v.operation(), side + ": " + v.exchange(), v.location(), v.message())));
        }
    }

    boolean clean() {
        return violations.isEmpty();
    }

    int answers() {
        return checked.values().stream().flatMap(m -> m.values().stream()).mapToInt(c -> c[0]).sum();
    }

    void print(PrintStream out, int show) {
        out.printf(Locale.ROOT, "%-30s %-16s %-16s %-16s%n", "Operation", SIDES.get(0), SIDES.get(1), SIDES.get(2));
        checked.forEach((operation, bySide) -> {
            List<String> cells = SIDES.stream().map(side -> cell(bySide.get(side))).toList();
            out.printf(Locale.ROOT, "%-30s %-16s %-16s %-16s%n", operation, cells.get(0), cells.get(1), cells.get(2));
        });
        if (violations.isEmpty()) {
            out.printf(Locale.ROOT, "Clean: all %d answers keep the contract.%n", answers());
            return;
        }
        out.printf(Locale.ROOT, "%d violation(s):%n", violations.size());
        violations.stream().limit(show).forEach(v -> out.println("  " + v));
        if (violations.size() > show) {
            out.printf(Locale.ROOT, "  ... and %d more (--show)%n", violations.size() - show);
        }
    }

    private static String cell(int[] counts) {
        if (counts == null) {
            return "-";
        }
        return counts[1] == 0 ? counts[0] + " ok" : counts[1] + " of " + counts[0] + " BROKEN";
    }
}
