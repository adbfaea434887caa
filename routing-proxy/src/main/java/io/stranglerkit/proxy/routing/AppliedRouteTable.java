package io.stranglerkit.proxy.routing;

import io.stranglerkit.split.Split;
import io.stranglerkit.split.SplitRoute;
import io.stranglerkit.split.SplitRoutes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.Map;

/**
 * The route table this replica serves: saved to disk first, then applied to the gateway's split
 * routes (visible to the next request). The splits in it start from what the disk held.
 */
@Component
public class AppliedRouteTable {

    private static final Logger log = LoggerFactory.getLogger(AppliedRouteTable.class);
    private final SplitRoutes routes;
    private final RouteStore store;
    private RouteTable current;

    public AppliedRouteTable(SplitRoutes routes, RouteStore store) {
        this.routes = routes;
        this.store = store;
        this.current = store.loadTable();
    }

    /** The table with every route's split as served now (routes the table never named included). */
    public synchronized RouteTable current() {
        Map<String, Split> splits = new java.util.LinkedHashMap<>(routes.splits());
        splits.putAll(current.splits());
        return new RouteTable(current.version(), splits);
    }

    public synchronized long version() {
        return current.version();
    }

    public synchronized void apply(RouteTable table) {
        if (table.equals(current)) {
            return;
        }
        store.save(table);
        table.splits().forEach((id, split) -> {
            SplitRoute route = routes.get(id);
            if (route != null) {
                route.change(split);
            }
        });
        if (table.version() != current.version() + 1) {
            log.info("route table version {} replaces version {}", table.version(), current.version());
        }
        current = table;
    }
}
