package io.stranglerkit.proxy.routing;

import io.stranglerkit.split.Split;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The proxy's route table as one versioned document: every route's split. Every accepted change makes
 * a new version (the previous one plus one); a writer names the version it changes, so two writers
 * who read the same version cannot both win.
 */
public record RouteTable(long version, Map<String, Split> splits) {

    public static final RouteTable EMPTY = new RouteTable(0, Map.of());

    public RouteTable {
        splits = Map.copyOf(splits);
    }

    /** The next version, with one route's split changed. */
    public RouteTable with(String routeId, Split split) {
        Map<String, Split> next = new LinkedHashMap<>(splits);
        next.put(routeId, split);
        return new RouteTable(version + 1, next);
    }
}
