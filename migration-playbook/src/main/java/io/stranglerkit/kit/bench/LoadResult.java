package io.stranglerkit.kit.bench;

import org.HdrHistogram.Histogram;

/** What one target did under load: latencies of successful requests, plus counts. */
public record LoadResult(String target, long count, long errors, double seconds, Histogram histogram) {

    public double throughput() {
        return count / Math.max(seconds, 1e-9);
    }

    public double errorRate() {
        return count == 0 ? 0 : (double) errors / count;
    }

    /** Latency at a percentile, in milliseconds; NaN when nothing succeeded. */
    public double percentileMs(double percentile) {
        return histogram.getTotalCount() == 0 ? Double.NaN : histogram.getValueAtPercentile(percentile) / 1e6;
    }

    public double maxMs() {
        return histogram.getTotalCount() == 0 ? Double.NaN : histogram.getMaxValue() / 1e6;
    }
}
