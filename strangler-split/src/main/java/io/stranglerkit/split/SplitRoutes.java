package io.stranglerkit.split;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every route with a {@code StranglerSplit} filter, in the gateway's route order. A route registers
 * itself when the gateway builds it; its split starts from what the {@link SplitStore} saved, else
 * from the filter's arguments.
 */
public class SplitRoutes {

    private final Map<String, Split> saved;
    private final Map<String, SplitRoute> routes = new LinkedHashMap<>();
    // What get() reads on every request: a copy made at each (rare) registration, so no lock there.
    private volatile Map<String, SplitRoute> byId = Map.of();

    public SplitRoutes(SplitStore store) {
        // Read at start-up, not when the routes are built: an unreadable store stops the application
        // with its reason instead of leaving the gateway without routes.
        this.saved = Map.copyOf(store.load());
    }

    /** Called for each route build; a rebuilt route (the gateway refreshed its routes) keeps its current split. */
    synchronized SplitRoute register(String routeId, String service, URI serviceUri, Split configured) {
        SplitRoute existing = routes.get(routeId);
        Split initial = existing != null ? existing.split() : saved.getOrDefault(routeId, configured);
        SplitRoute route = new SplitRoute(routeId, service, serviceUri, initial);
        routes.put(routeId, route);
        byId = Map.copyOf(routes);
        return route;
    }

    /** @return the route, or null when no route of that id has a split */
    public SplitRoute get(String routeId) {
        return byId.get(routeId);
    }

    public synchronized List<SplitRoute> all() {
        return new ArrayList<>(routes.values());
    }

    /** Every route's split, for a store that saves them all at once. */
    public synchronized Map<String, Split> splits() {
        Map<String, Split> splits = new LinkedHashMap<>();
        routes.forEach((id, route) -> splits.put(id, route.split()));
        return splits;
    }
}
