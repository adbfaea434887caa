package io.stranglerkit.proxy.ramp;

import io.stranglerkit.proxy.ProxyProperties;
import io.stranglerkit.split.parallel.ParallelRunProperties;
import io.stranglerkit.split.parallel.StatusCondition;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The data side of a ramp, from the status pages of the parts that carry the data: how far a service's
 * read model lags (the largest of its configured lag figures), and whether the syncs have drained
 * (the parallel run's caught-up conditions for the service). A single bad reading is a blip; two in
 * a row count.
 */
@Component
class Freshness {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration PATIENCE = Duration.ofSeconds(2);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(PATIENCE).build();
    private final Map<String, List<ProxyProperties.LagSource>> lag;
    private final Map<String, List<StatusCondition>> caughtUpWhen;
    private final Map<String, Integer> badInARow = new ConcurrentHashMap<>();
    private final Map<String, Integer> caughtUpInARow = new ConcurrentHashMap<>();

    /**
     * @param seconds     the largest lag read (0 when nothing is behind)
     * @param unreadable  why no lag could be read, or null
     * @param failedTwice this and the reading before were over the limit or unreadable
     */
    record Reading(double seconds, String unreadable, boolean failedTwice) {
    }

    Freshness(ProxyProperties properties, ParallelRunProperties parallelRun) {
        this.lag = properties.ramp().lag();
        this.caughtUpWhen = parallelRun.caughtUpWhen();
    }

    /** null when the service has no lag configured: nothing to judge. */
    Reading lag(String route, String service, double maxSeconds) {
        List<ProxyProperties.LagSource> sources = lag.getOrDefault(service, List.of());
        if (sources.isEmpty()) {
            return null;
        }
        double worst = 0;
        String unreadable = null;
        Map<URI, Optional<JsonNode>> pages = new HashMap<>();
        for (ProxyProperties.LagSource source : sources) {
            JsonNode status = page(pages, source.statusUrl());
            JsonNode value = status == null ? null : status.at(source.pointer());
            if (value == null || value.isMissingNode() || (value.isNumber() && value.asDouble() < 0)) {
                unreadable = source.statusUrl() + (status == null ? " does not answer" : " has no lag at " + source.pointer());
                break;
            }
            // null: nothing applied lately, so nothing is late.
            double seconds = value.isNumber() ? value.asDouble() / ("ms".equals(source.unit()) ? 1000.0 : 1.0) : 0;
            worst = Math.max(worst, seconds);
        }
        boolean bad = unreadable != null || worst > maxSeconds;
        int inARow = badInARow.merge(route, bad ? 1 : 0, (old, now) -> now == 0 ? 0 : old + 1);
        return new Reading(worst, unreadable, inARow >= 2);
    }

    /** Forgets a route's streak: a new step or ramp starts clean. */
    void forget(String route) {
        badInARow.remove(route);
        caughtUpInARow.remove(route);
    }

    /** true once every caught-up condition of the service held on two readings in a row (one per analysis). */
    boolean drained(String route, String service) {
        Map<URI, Optional<JsonNode>> pages = new HashMap<>();
        boolean holds = caughtUpWhen.getOrDefault(service, List.of()).stream().allMatch(c -> {
            JsonNode status = page(pages, c.statusUrl());
            return status != null && c.holds(status);
        });
        return caughtUpInARow.merge(route, holds ? 1 : 0, (old, now) -> now == 0 ? 0 : old + 1) >= 2;
    }

    /** Each status page once per reading, however many values are read from it (the catalog's two syncs share one). */
    private JsonNode page(Map<URI, Optional<JsonNode>> pages, URI url) {
        return pages.computeIfAbsent(url, u -> Optional.ofNullable(status(u))).orElse(null);
    }

    private JsonNode status(URI url) {
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(url).timeout(PATIENCE).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return answer.statusCode() == 200 ? JSON.readTree(answer.body()) : null;
        } catch (IOException | RuntimeException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
