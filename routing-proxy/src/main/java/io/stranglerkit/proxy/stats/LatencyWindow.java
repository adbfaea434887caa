package io.stranglerkit.proxy.stats;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.util.concurrent.atomic.LongAdder;

/**
 * Latencies of one route and backend: the last 60 one-second intervals, everything since the last
 * reset, and everything since the process started. That last one is recorded as it happens, not at
 * the rotation, and no reset touches it: a ramp measures its step as the difference of two such
 * totals, and a second of the step before must not leak into the next. Requests record into a wait-free {@link Recorder}; a timer thread rotates it each second.
 * The histogram leaving the window is recycled for the next second: allocating a new one per second
 * and keeping 60 of them promoted about 0.5 MB/s into the old generation, and the full collections
 * that followed showed up in the proxy's p99.
 */
final class LatencyWindow {

    static final int SECONDS = 60;
    // 1 us to 120 s at 2 significant digits: about 20 KB a histogram, 60 of them per route and backend.
    private static final long MIN_NANOS = 1_000L;
    private static final long MAX_NANOS = 120_000_000_000L;

    record Snapshot(long count, long errors, Histogram latencies) {
    }

    private final Recorder recorder = new Recorder(MIN_NANOS, MAX_NANOS, 2);
    private final LongAdder errors = new LongAdder();
    private final Histogram[] seconds = new Histogram[SECONDS];
    private final long[] secondErrors = new long[SECONDS];
    private int current;
    private Histogram sinceReset = new Histogram(MIN_NANOS, MAX_NANOS, 2);
    private long errorsSinceReset;
    private final Recorder lifetimeRecorder = new Recorder(MIN_NANOS, MAX_NANOS, 2);
    private final LongAdder errorsLifetime = new LongAdder();
    private final Histogram lifetime = new Histogram(MIN_NANOS, MAX_NANOS, 2);
    private Histogram lifetimeInterval;

    void record(long nanos, boolean error) {
        long value = Math.min(nanos, MAX_NANOS);
        recorder.recordValue(value);
        lifetimeRecorder.recordValue(value);
        if (error) {
            errors.increment();
            errorsLifetime.increment();
        }
    }

    synchronized void rotate() {
        int next = (current + 1) % SECONDS;
        Histogram leaving = seconds[next];
        Histogram interval = leaving == null ? recorder.getIntervalHistogram() : recorder.getIntervalHistogram(leaving);
        long intervalErrors = errors.sumThenReset();
        current = next;
        seconds[current] = interval;
        secondErrors[current] = intervalErrors;
        sinceReset.add(interval);
        errorsSinceReset += intervalErrors;
    }

    synchronized Snapshot lastMinute() {
        Histogram sum = new Histogram(MIN_NANOS, MAX_NANOS, 2);
        long errorSum = 0;
        for (int i = 0; i < SECONDS; i++) {
            if (seconds[i] != null) {
                sum.add(seconds[i]);
                errorSum += secondErrors[i];
            }
        }
        return new Snapshot(sum.getTotalCount(), errorSum, sum);
    }

    synchronized Snapshot sinceReset() {
        return new Snapshot(sinceReset.getTotalCount(), errorsSinceReset, sinceReset.copy());
    }

    synchronized Snapshot lifetime() {
        // Errors first (a request records its latency before its error): one could be missed, never counted twice.
        long errorsSoFar = errorsLifetime.sum();
        lifetimeInterval = lifetimeInterval == null ? lifetimeRecorder.getIntervalHistogram() : lifetimeRecorder.getIntervalHistogram(lifetimeInterval);
        lifetime.add(lifetimeInterval);
        return new Snapshot(lifetime.getTotalCount(), errorsSoFar, lifetime.copy());
    }

    synchronized void reset() {
        recorder.reset();
        errors.reset();
        java.util.Arrays.fill(seconds, null);
        java.util.Arrays.fill(secondErrors, 0);
        sinceReset = new Histogram(MIN_NANOS, MAX_NANOS, 2);
        errorsSinceReset = 0;
    }
}
