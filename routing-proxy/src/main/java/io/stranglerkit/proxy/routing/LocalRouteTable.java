package io.stranglerkit.proxy.routing;

import java.util.function.UnaryOperator;

/** One proxy alone (no Kafka configured): the table lives in its data directory only. */
public class LocalRouteTable implements RouteTableWriter {

    private final AppliedRouteTable applied;

    public LocalRouteTable(AppliedRouteTable applied) {
        this.applied = applied;
    }

    @Override
    public synchronized RouteTable commit(Long expectedVersion, UnaryOperator<RouteTable> change) {
        RouteTable current = applied.current();
        if (expectedVersion != null && expectedVersion != current.version()) {
            throw new StaleVersionException(expectedVersion, current.version());
        }
        RouteTable next = change.apply(current);
        applied.apply(next);
        return next;
    }

}
