package io.stranglerkit.split.parallel;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One route's parallel run so far: outcome counts, the paths that differ most (each with its first
 * example), the noise learned from the primary's own answers, and the last differing samples.
 */
public final class DiffResults {

    static final int SAMPLES = 50;
    static final int TOP_PATHS = 20;
    private static final int SAMPLE_BODY_CHARS = 4096;
    // Noise is learned from every one of a route's first comparisons, then from one in noiseSampleEvery.
    private static final int ALWAYS_SAMPLE_FIRST = 20;

    private final String route;
    private final List<String> ignored;
    private final int noiseSampleEvery;
    private final Map<Outcome, Counter> counters = new EnumMap<>(Outcome.class);
    final Semaphore permits;
    private final Map<Outcome, AtomicLong> counts = new EnumMap<>(Outcome.class);
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicLong comparisons = new AtomicLong();
    private final Map<String, PathTally> paths = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> noise = new ConcurrentHashMap<>();
    private final ArrayDeque<Map<String, Object>> samples = new ArrayDeque<>();
    private volatile Instant since = Instant.now();

    DiffResults(String route, List<String> ignored, int maxInFlight, int noiseSampleEvery, MeterRegistry meters) {
        this.route = route;
        this.ignored = List.copyOf(ignored);
        this.noiseSampleEvery = noiseSampleEvery;
        this.permits = new Semaphore(maxInFlight);
        for (Outcome outcome : Outcome.values()) {
            counts.put(outcome, new AtomicLong());
            if (meters != null) {
                counters.put(outcome, Counter.builder("strangler.parallel.run").description("shadowed reads by outcome")
                        .tag("route", route).tag("outcome", outcome.label()).register(meters));
            }
        }
    }

    private static final class PathTally {
        final AtomicLong count = new AtomicLong();
        final Difference example;

        PathTally(Difference example) {
            this.example = example;
        }
    }

    void count(Outcome outcome) {
        counts.get(outcome).incrementAndGet();
        Counter counter = counters.get(outcome);
        if (counter != null) {
            counter.increment();
        }
    }

    /** Whether this comparison should also ask the primary a second time. */
    boolean noiseSampleDue() {
        long n = comparisons.incrementAndGet();
        return n <= ALWAYS_SAMPLE_FIRST || n % noiseSampleEvery == 0;
    }

    /** Paths where two answers of the same side differed are noise from now on. */
    void learnNoise(List<Difference> sameSide) {
        for (Difference d : sameSide) {
            noise.computeIfAbsent(d.path(), p -> new AtomicLong()).incrementAndGet();
        }
    }

    /** The differences that are not noise. */
    List<Difference> real(List<Difference> differences) {
        return differences.stream().filter(d -> !isNoise(d.path())).toList();
    }

    boolean isNoise(String path) {
        for (String p : ignored) {
            if (covers(p, path)) {
                return true;
            }
        }
        for (String p : noise.keySet()) {
            if (covers(p, path)) {
                return true;
            }
        }
        return false;
    }

    /** {@code $.items[*]} covers itself and everything below it, never {@code $.itemsCount}. */
    private static boolean covers(String noisePath, String path) {
        return path.equals(noisePath) || path.startsWith(noisePath + ".") || path.startsWith(noisePath + "[");
    }

    void pending(int delta) {
        pending.addAndGet(delta);
    }

    int pending() {
        return pending.get();
    }

    void different(ShadowedRead read, Answer primary, Answer shadow, List<Difference> differences) {
        count(Outcome.DIFFERENT);
        for (Difference d : differences) {
            paths.computeIfAbsent(d.path(), p -> new PathTally(d)).count.incrementAndGet();
        }
        Map<String, Object> sample = new LinkedHashMap<>();
        sample.put("at", Instant.now().toString());
        sample.put("method", read.method());
        sample.put("uri", read.uri());
        sample.put("correlationId", read.correlationId());
        sample.put("paths", differences.stream().map(Difference::path).toList());
        sample.put("primary", side(primary));
        sample.put("shadow", side(shadow));
        synchronized (samples) {
            if (samples.size() == SAMPLES) {
                samples.removeFirst();
            }
            samples.addLast(sample);
        }
    }

    private static Map<String, Object> side(Answer answer) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("side", answer.side());
        out.put("status", answer.status());
        out.put("contentType", answer.contentType());
        out.put("body", answer.bodyText(SAMPLE_BODY_CHARS));
        return out;
    }

    public synchronized void reset() {
        counts.values().forEach(c -> c.set(0));
        comparisons.set(0);
        paths.clear();
        noise.clear();
        synchronized (samples) {
            samples.clear();
        }
        since = Instant.now();
    }

    public long count(String label) {
        for (Outcome outcome : Outcome.values()) {
            if (outcome.label().equals(label)) {
                return counts.get(outcome).get();
            }
        }
        throw new IllegalArgumentException("no outcome " + label);
    }

    /** The results as the admin API shows them; parity is over the reads with a final outcome. */
    public Map<String, Object> view() {
        long identical = counts.get(Outcome.IDENTICAL).get();
        long noisy = counts.get(Outcome.NOISY).get();
        long different = counts.get(Outcome.DIFFERENT).get();
        long compared = identical + noisy + different;
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("route", route);
        out.put("since", since.toString());
        out.put("compared", compared);
        for (Outcome outcome : Outcome.values()) {
            out.put(outcome.label(), counts.get(outcome).get());
        }
        out.put("pending", pending.get());
        out.put("parityPercent", compared == 0 ? null : Math.floor(10_000.0 * (identical + noisy) / compared) / 100);
        List<Map<String, Object>> top = new ArrayList<>();
        paths.entrySet().stream().sorted(Comparator.comparingLong((Map.Entry<String, PathTally> e) -> -e.getValue().count.get())
                .thenComparing(Map.Entry::getKey)).limit(TOP_PATHS).forEach(e -> {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("path", e.getKey());
                    row.put("count", e.getValue().count.get());
                    row.put("example", Map.of("primary", e.getValue().example.primary(), "shadow", e.getValue().example.shadow()));
                    top.add(row);
                });
        out.put("topPaths", top);
        List<Map<String, Object>> learned = new ArrayList<>();
        noise.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> learned.add(Map.of("path", e.getKey(), "seen", e.getValue().get())));
        out.put("noise", learned);
        out.put("ignoredPaths", ignored);
        synchronized (samples) {
            out.put("samples", new ArrayList<>(samples));
        }
        return out;
    }
}
