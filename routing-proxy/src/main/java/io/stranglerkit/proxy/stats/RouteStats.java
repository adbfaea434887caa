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

    private record Meters(LatencyWindow window, Timer ok, Timer error) {
    }

    private final Map<String, Meters> meters = new LinkedHashMap<>();
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
            for (String backend : routes.backends()) {
                meters.put(key(route, backend), new Meters(new LatencyWindow(),
                        timer(registry, route, backend, "success"), timer(registry, route, backend, "error")));
            }
        }
        ticker.scheduleAtFixedRate(() -> meters.values().forEach(m -> m.window().rotate()), 1, 1, TimeUnit.SECONDS);
    }

    private static Timer timer(MeterRegistry registry, String route, String backend, String outcome) {
        return Timer.builder("proxy.requests")
                .description("Time to the backend's response headers, per route and backend")
                .tags("route", route, "backend", backend, "outcome", outcome)
                .publishPercentileHistogram()
                .register(registry);
    }

    public void record(String route, String backend, long nanos, boolean error) {
        Meters m = meters.get(key(route, backend));
        if (m == null) {
            return;
        }
        m.window().record(nanos, error);
        (error ? m.error() : m.ok()).record(nanos, TimeUnit.NANOSECONDS);
    }

    public List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        meters.forEach((key, m) -> {
            String[] parts = key.split("\\|", 2);
            rows.add(new Row(parts[0], parts[1], summary(m.window().lastMinute()), summary(m.window().sinceReset())));
        });
        return rows;
    }

    public Instant resetAt() {
        return resetAt;
    }

    public void reset() {
        meters.values().forEach(m -> m.window().reset());
        resetAt = Instant.now();
    }

    private static Summary summary(LatencyWindow.Snapshot s) {
        Histogram h = s.latencies();
        boolean empty = h.getTotalCount() == 0;
        return new Summary(s.count(), s.errors(), s.count() == 0 ? 0 : (double) s.errors() / s.count(),
                empty ? 0 : h.getValueAtPercentile(50) / 1e6, empty ? 0 : h.getValueAtPercentile(95) / 1e6,
                empty ? 0 : h.getValueAtPercentile(99) / 1e6, empty ? 0 : h.getMaxValue() / 1e6);
    }

    private static String key(String route, String backend) {
        return route + "|" + backend;
    }

    @Override
    public void destroy() {
        ticker.shutdownNow();
    }
}
