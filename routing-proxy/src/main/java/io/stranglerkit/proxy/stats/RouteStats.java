package io.stranglerkit.proxy.stats;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.stranglerkit.split.SplitDecision;
import org.HdrHistogram.Histogram;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Per route and backend: a Micrometer timer ({@code proxy.requests}, with percentile histogram
 * buckets for Prometheus) and a sliding window for {@code GET /admin/stats}. A pair's meters are
 * made by its first request; after that, recording allocates nothing.
 */
@Component
public class RouteStats implements DisposableBean {

    public record Summary(long count, long errors, double errorRate, double p50Ms, double p95Ms, double p99Ms, double maxMs) {
    }

    /**
     * @param lastMinuteHistogram the last minute's latencies (HdrHistogram, compressed, base64), so that
     *                            a caller can merge several replicas' rows into true percentiles; null
     *                            unless asked for
     */
    public record Row(String route, String backend, Summary lastMinute, Summary sinceReset, String lastMinuteHistogram) {
    }

    /** Everything one backend of a route answered since the process started. */
    public record Totals(long count, long errors, Histogram latencies) {
    }

    /**
     * One route since the process started, never reset: the difference of two is a window of its own
     * (a ramp's step), whatever {@code POST /admin/stats/reset} did in between.
     *
     * @param fallbacks reads the service failed that the monolith answered instead
     */
    public record Lifetime(Map<String, Totals> byBackend, long fallbacks) {
    }

    private record Meters(String route, String backend, LatencyWindow window, Timer ok, Timer error) {
    }

    private static final Comparator<Meters> ORDER = Comparator.comparing(Meters::route)
            .thenComparing(m -> !m.backend().equals(SplitDecision.MONOLITH))
            .thenComparing(Meters::backend);

    /** route -> backend -> meters: looked up per request without building a key. */
    private final Map<String, Map<String, Meters>> meters = new ConcurrentHashMap<>();
    private final MeterRegistry registry;
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "route-stats-tick");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, LongAdder> fallbacks = new ConcurrentHashMap<>();
    private volatile Instant resetAt = Instant.now();

    public RouteStats(MeterRegistry registry) {
        this.registry = registry;
        ticker.scheduleAtFixedRate(() -> all().forEach(m -> m.window().rotate()), 1, 1, TimeUnit.SECONDS);
    }

    private static Timer timer(MeterRegistry registry, String route, String backend, String outcome) {
        return Timer.builder("proxy.requests")
                .description("Time to the backend's response headers, per route and backend")
                .tags("route", route, "backend", backend, "outcome", outcome)
                .publishPercentileHistogram()
                .register(registry);
    }

    public void record(String route, String backend, long nanos, boolean error) {
        Map<String, Meters> byBackend = meters.get(route);
        if (byBackend == null) {
            byBackend = meters.computeIfAbsent(route, r -> new ConcurrentHashMap<>());
        }
        Meters m = byBackend.get(backend);
        if (m == null) {
            m = byBackend.computeIfAbsent(backend, b -> new Meters(route, b, new LatencyWindow(),
                    timer(registry, route, b, "success"), timer(registry, route, b, "error")));
        }
        m.window().record(nanos, error);
        (error ? m.error() : m.ok()).record(nanos, TimeUnit.NANOSECONDS);
    }

    /** A read of {@code route} that the service failed, answered by the monolith. */
    public void fellBack(String route) {
        fallbacks.computeIfAbsent(route, r -> new LongAdder()).increment();
    }

    /** The route's totals up to now. */
    public Lifetime lifetime(String route) {
        Map<String, Totals> byBackend = new TreeMap<>();
        meters.getOrDefault(route, Map.of()).forEach((backend, m) -> {
            LatencyWindow.Snapshot s = m.window().lifetime();
            byBackend.put(backend, new Totals(s.count(), s.errors(), s.latencies()));
        });
        LongAdder fell = fallbacks.get(route);
        return new Lifetime(byBackend, fell == null ? 0 : fell.sum());
    }

    /** @param withHistograms also encode each row's last minute (only merging replicas needs it) */
    public List<Row> rows(boolean withHistograms) {
        List<Row> rows = new ArrayList<>();
        for (Meters m : all()) {
            LatencyWindow.Snapshot minute = m.window().lastMinute();
            rows.add(new Row(m.route(), m.backend(), summary(minute), summary(m.window().sinceReset()),
                    withHistograms ? encode(minute.latencies()) : null));
        }
        return rows;
    }

    public Instant resetAt() {
        return resetAt;
    }

    public void reset() {
        all().forEach(m -> m.window().reset());
        resetAt = Instant.now();
    }

    private static String encode(Histogram histogram) {
        ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        int length = histogram.encodeIntoCompressedByteBuffer(buffer);
        return Base64.getEncoder().encodeToString(Arrays.copyOf(buffer.array(), length));
    }

    private static Summary summary(LatencyWindow.Snapshot s) {
        Histogram h = s.latencies();
        boolean empty = h.getTotalCount() == 0;
        return new Summary(s.count(), s.errors(), s.count() == 0 ? 0 : (double) s.errors() / s.count(),
                empty ? 0 : h.getValueAtPercentile(50) / 1e6, empty ? 0 : h.getValueAtPercentile(95) / 1e6,
                empty ? 0 : h.getValueAtPercentile(99) / 1e6, empty ? 0 : h.getMaxValue() / 1e6);
    }

    private List<Meters> all() {
        return meters.values().stream().flatMap(byBackend -> byBackend.values().stream()).sorted(ORDER).toList();
    }

    @Override
    public void destroy() {
        ticker.shutdownNow();
    }
}
