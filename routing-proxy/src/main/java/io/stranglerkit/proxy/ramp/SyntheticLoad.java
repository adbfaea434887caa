package io.stranglerkit.proxy.ramp;

import io.stranglerkit.proxy.ProxyProperties;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.web.server.reactive.context.ReactiveWebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A ramp's {@code loadPerSecond}: reads sent through the proxy's own public port, so a step on a quiet
 * route still gets enough requests to be judged. The paths come from {@code proxy.ramp.load-paths};
 * each request names a new client ({@code X-Client-Id}), so a sticky split spreads them like real
 * clients. A slow backend is not piled on: at most one second's worth is in flight.
 */
@Component
class SyntheticLoad implements DisposableBean {

    private final Map<String, List<String>> paths;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ramp-load");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, ScheduledFuture<?>> running = new ConcurrentHashMap<>();
    private final AtomicLong sent = new AtomicLong();
    private volatile int port = -1;

    SyntheticLoad(ProxyProperties properties) {
        this.paths = properties.ramp().loadPaths();
    }

    @EventListener
    void publicPort(ReactiveWebServerInitializedEvent event) {
        if (event.getApplicationContext().getServerNamespace() == null) {
            port = event.getWebServer().getPort();
        }
    }

    boolean hasPaths(String routeId) {
        return !paths.getOrDefault(routeId, List.of()).isEmpty();
    }

    synchronized void start(String routeId, int perSecond) {
        stop(routeId);
        List<String> routePaths = paths.getOrDefault(routeId, List.of());
        if (perSecond <= 0 || routePaths.isEmpty()) {
            return;
        }
        AtomicInteger inFlight = new AtomicInteger();
        running.put(routeId, ticker.scheduleAtFixedRate(() -> {
            if (port < 0 || inFlight.get() >= perSecond) {
                return;
            }
            long n = sent.incrementAndGet();
            String path = routePaths.get((int) (n % routePaths.size()));
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(5))
                    .header("X-Client-Id", "ramp-load-" + n)
                    .header("X-Correlation-Id", "ramp-load-" + routeId + "-" + n)
                    .GET().build();
            inFlight.incrementAndGet();
            http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((answer, failure) -> inFlight.decrementAndGet());
        }, 0, 1_000_000L / perSecond, TimeUnit.MICROSECONDS));
    }

    synchronized void stop(String routeId) {
        ScheduledFuture<?> load = running.remove(routeId);
        if (load != null) {
            load.cancel(false);
        }
    }

    @Override
    public void destroy() {
        ticker.shutdownNow();
    }
}
