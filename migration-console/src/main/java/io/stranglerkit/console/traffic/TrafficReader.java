package io.stranglerkit.console.traffic;

import io.stranglerkit.console.http.PartClient;
import io.stranglerkit.console.http.ProxyAdmin;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The routes as the proxy has them, with each route's traffic made from every replica's totals, its
 * ramp and, while shadowing, its parallel run's differences.
 */
@Component
public class TrafficReader {

    /** @param problem why the proxy could not be read; routes are then empty */
    public record View(List<Map<String, Object>> routes, String problem) {
    }

    private final ProxyAdmin proxy;
    private final Map<String, RouteTraffic> traffic = new LinkedHashMap<>();

    public TrafficReader(ProxyAdmin proxy) {
        this.proxy = proxy;
    }

    /** Reads the proxy once; called by the poller only. */
    public synchronized View read(long now) {
        PartClient.Answer routes = proxy.fromAnyReplica("/admin/routes");
        if (!routes.ok()) {
            return new View(List.of(), "the proxy's admin API did not answer: " + ProxyAdmin.why(routes));
        }
        PartClient.Answer ramps = proxy.fromAnyReplica("/admin/ramps");
        Map<String, JsonNode> rampByRoute = new HashMap<>();
        if (ramps.ok()) {
            ramps.body().forEach(ramp -> rampByRoute.put(ramp.path("route").asString(), ramp));
        }
        List<Map<String, Object>> views = new ArrayList<>();
        for (JsonNode route : routes.body()) {
            String id = route.path("id").asString();
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("route", route);
            List<JsonNode> totals = proxy.fromEveryReplica("/admin/ramps/" + id + "/totals");
            if (!totals.isEmpty()) {
                RouteTraffic routeTraffic = traffic.computeIfAbsent(id, key -> new RouteTraffic());
                view.put("now", routeTraffic.add(Totals.sum(now, totals)));
                view.put("replicasRead", totals.size());
            }
            view.put("ramp", rampByRoute.get(id));
            if (route.path("shadowPercent").asInt() > 0) {
                PartClient.Answer diffs = proxy.fromAnyReplica("/admin/diffs/" + id + "?scope=replicas");
                view.put("diffs", diffs.ok() ? diffs.body() : null);
            }
            views.add(view);
        }
        return new View(views, null);
    }

    /** The last 5 minutes of points of every route, for a page that just opened. */
    public synchronized Map<String, List<RoutePoint>> history() {
        Map<String, List<RoutePoint>> history = new LinkedHashMap<>();
        traffic.forEach((route, routeTraffic) -> history.put(route, routeTraffic.history()));
        return history;
    }
}
