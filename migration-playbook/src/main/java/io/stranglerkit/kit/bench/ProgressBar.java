package io.stranglerkit.kit.bench;

import java.io.PrintStream;
import java.util.Locale;

/** A one-line bar for a timed run; on a pipe (CI, tee) a line every 5 s instead of redrawing. */
final class ProgressBar {
    private final PrintStream out;
    private final String label;
    private final long totalMs;
    private final boolean tty = System.console() != null;
    private long lastPrinted = -5_000;

    ProgressBar(PrintStream out, String label, long totalMs) {
        this.out = out;
        this.label = label;
        this.totalMs = totalMs;
    }

    void update(long elapsedMs) {
        int width = 30;
        int filled = (int) Math.min(width, width * elapsedMs / Math.max(1, totalMs));
        String bar = "#".repeat(filled) + ".".repeat(width - filled);
        if (tty) {
            out.printf(Locale.ROOT, "\r  %-40s [%s] %5.1f / %.0f s", label, bar, elapsedMs / 1000.0, totalMs / 1000.0);
        } else if (elapsedMs - lastPrinted >= 5_000) {
            lastPrinted = elapsedMs;
            out.printf(Locale.ROOT, "  %-40s [%s] %5.1f / %.0f s%n", label, bar, elapsedMs / 1000.0, totalMs / 1000.0);
        }
    }

    void done() {
        if (tty) {
            out.println();
        }
    }
}
