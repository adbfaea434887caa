package io.stranglerkit.console.traffic;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * One route's recent totals and the points made from them: the last 10 seconds for the window, the
 * last 5 minutes of points for the charts. Not thread-safe: the poller alone writes it.
 */
final class RouteTraffic {

    static final long WINDOW_MILLIS = 10_000;
    static final int HISTORY_POINTS = 300;

    private final Deque<Totals> recent = new ArrayDeque<>();
    private final Deque<RoutePoint> history = new ArrayDeque<>();

    /** Adds a reading and returns the point it makes. */
    RoutePoint add(Totals now) {
        Totals last = recent.peekLast();
        if (last != null && !last.processes().equals(now.processes())) {
            recent.clear(); // a replica restarted and counts from zero: differences with before mean nothing
            last = null;
        }
        recent.addLast(now);
        while (recent.size() > 2 && now.at() - recent.peekFirst().at() > WINDOW_MILLIS) {
            recent.removeFirst();
        }
        RoutePoint point = point(recent.peekFirst(), last == null ? now : last, now);
        history.addLast(point);
        while (history.size() > HISTORY_POINTS) {
            history.removeFirst();
        }
        return point;
    }

    List<RoutePoint> history() {
        return new ArrayList<>(history);
    }

    static RoutePoint point(Totals windowStart, Totals previous, Totals now) {
        Totals.Side service = now.service().minus(windowStart.service());
        Totals.Side monolith = now.monolith().minus(windowStart.monolith());
        double seconds = Math.max(0.001, (now.at() - previous.at()) / 1000.0);
        long served = service.count() + monolith.count();
        return new RoutePoint(now.at(),
                previous == now ? 0 : (now.monolith().count() - previous.monolith().count()) / seconds,
                previous == now ? 0 : (now.service().count() - previous.service().count()) / seconds,
                served == 0 ? null : 100.0 * service.count() / served,
                monolith.percentileMs(50), monolith.percentileMs(99), service.percentileMs(50), service.percentileMs(99),
                monolith.errors(), service.errors(), now.fallbacks() - windowStart.fallbacks(), now.fallbacks(),
                now.agreed(), now.different());
    }
}
