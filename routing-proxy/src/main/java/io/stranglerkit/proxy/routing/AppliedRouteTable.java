package io.stranglerkit.proxy.routing;

import io.stranglerkit.split.SplitRoute;
import io.stranglerkit.split.SplitRoutes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;


/**
 * The route table this replica serves: saved to disk first, then applied to the gateway's split
 * routes (visible to the next request). Both start from what the disk held.
 */
@Component
public class AppliedRouteTable {

    private static final Logger log = LoggerFactory.getLogger(AppliedRouteTable.class);
    private final SplitRoutes routes;
    private final RouteStore store;
    // The splits themselves live in the split routes, which serve them; only the version is kept here.
    private long version;

    public AppliedRouteTable(SplitRoutes routes, RouteStore store) {
        this.routes = routes;
        this.store = store;
        this.version = store.saved().version();
    }

    /** The table as served now: its version and every route's split. */
    public synchronized RouteTable current() {
        return new RouteTable(version, routes.splits());
    }

    public synchronized long version() {
        return version;
    }

    public synchronized void apply(RouteTable table) {
        if (table.version() == version && routes.splits().entrySet().containsAll(table.splits().entrySet())) {
            return;
        }
        store.save(table);
        table.splits().forEach((id, split) -> {
            SplitRoute route = routes.get(id);
            if (route != null) {
                route.change(split);
            }
        });
        if (table.version() != version + 1) {
            log.info("route table version {} replaces version {}", table.version(), version);
        }
        version = table.version();
    }
}
