package io.stranglerkit.proxy.stats;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.stranglerkit.proxy.routing.RouteTable;
import org.HdrHistogram.Histogram;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Per route and backend: a Micrometer timer ({@code proxy.requests}, with percentile histogram
 * buckets for Prometheus) and a sliding window for {@code GET /admin/stats}. Everything a request
 * touches is created at start-up; recording allocates nothing.
 */
@Component
public class RouteStats implements DisposableBean {

    public record Summary(long count, long errors, double errorRate, double p50Ms, double p95Ms, double p99Ms, double maxMs) {
    }

    public record Row(String route, String backend, Summary lastMinute, Summary sinceReset) {
    }

    private record Meters(String route, String backend, LatencyWindow window, Timer ok, Timer error) {
    }

    /** route -> backend -> meters: looked up per request without building a key. */
    private final Map<String, Map<String, Meters>> meters = new LinkedHashMap<>();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "route-stats-tick");
        t.setDaemon(true);
        return t;
    });
    private volatile Instant resetAt = Instant.now();

    public RouteStats(RouteTable routes, MeterRegistry registry) {
        List<String> routeIds = new ArrayList<>(List.of(RouteTable.DEFAULT_ROUTE));
        routes.all().forEach(r -> routeIds.add(r.id()));
        for (String route : routeIds) {
            Map<String, Meters> byBackend = new LinkedHashMap<>();
            for (String backend : routes.backends()) {
                byBackend.put(backend, new Meters(route, backend, new LatencyWindow(),
                        timer(registry, route, backend, "success"), timer(registry, route, backend, "error")));
            }
            meters.put(route, byBackend);
        }
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
        Meters m = byBackend == null ? null : byBackend.get(backend);
        if (m == null) {
            return;
        }
        m.window().record(nanos, error);
        (error ? m.error() : m.ok()).record(nanos, TimeUnit.NANOSECONDS);
    }

    public List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        for (Meters m : all()) {
            rows.add(new Row(m.route(), m.backend(), summary(m.window().lastMinute()), summary(m.window().sinceReset())));
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

    private static Summary summary(LatencyWindow.Snapshot s) {
        Histogram h = s.latencies();
        boolean empty = h.getTotalCount() == 0;
        return new Summary(s.count(), s.errors(), s.count() == 0 ? 0 : (double) s.errors() / s.count(),
                empty ? 0 : h.getValueAtPercentile(50) / 1e6, empty ? 0 : h.getValueAtPercentile(95) / 1e6,
                empty ? 0 : h.getValueAtPercentile(99) / 1e6, empty ? 0 : h.getMaxValue() / 1e6);
    }

    private List<Meters> all() {
        return meters.values().stream().flatMap(byBackend -> byBackend.values().stream()).toList();
    }

    @Override
    public void destroy() {
        ticker.shutdownNow();
    }
}
