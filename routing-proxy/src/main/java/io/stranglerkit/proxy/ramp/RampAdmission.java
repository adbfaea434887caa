package io.stranglerkit.proxy.ramp;

import io.stranglerkit.proxy.routing.RouteDescriptions;
import io.stranglerkit.split.SplitRoute;
import io.stranglerkit.split.SplitRoutes;
import org.springframework.stereotype.Component;

/**
 * Whether a plan may start: the route exists, has no ramp yet, synthetic load only on reads that have
 * load paths, and writes only behind their reads (every read route of the same service has completed
 * its ramp to 100%).
 */
@Component
class RampAdmission {

    private final SplitRoutes routes;
    private final RouteDescriptions descriptions;
    private final SyntheticLoad load;
    private final RampJournal journal;

    RampAdmission(SplitRoutes routes, RouteDescriptions descriptions, SyntheticLoad load, RampJournal journal) {
        this.routes = routes;
        this.descriptions = descriptions;
        this.load = load;
        this.journal = journal;
    }

    /** @return the route to ramp */
    SplitRoute admit(RampPlan plan) throws RampRefused {
        SplitRoute route = routes.get(plan.route());
        if (route == null) {
            throw new RampRefused(404, "route", "is not a route with a split", "no route '" + plan.route() + "'; routes are "
                    + routes.all().stream().map(SplitRoute::id).toList());
        }
        Ramp existing = journal.get(route.id()).orElse(null);
        if (existing != null && !existing.finished()) {
            throw new RampRefused(409, "route", "already has a ramp", route.id() + " already has a ramp (" + existing.state() + " at "
                    + existing.percent() + "%): one ramp per route; abort it first (kit ramp abort " + route.id() + ")");
        }
        boolean readsOnly = descriptions.of(route.id()).readsOnly();
        if (plan.loadPerSecond() > 0 && !readsOnly) {
            throw new RampRefused(400, "loadPerSecond", "must be 0 on a route that takes writes",
                    route.id() + " takes writes, and synthetic load only reads: loadPerSecond must be 0");
        }
        if (plan.loadPerSecond() > 0 && !load.hasPaths(route.id())) {
            throw new RampRefused(400, "loadPerSecond", "must be 0: the route has no load paths",
                    "no proxy.ramp.load-paths are configured for " + route.id() + ": loadPerSecond must be 0");
        }
        if (!readsOnly) {
            requireReadsRamped(route);
        }
        return route;
    }

    private void requireReadsRamped(SplitRoute writes) throws RampRefused {
        for (SplitRoute reads : routes.all()) {
            if (!reads.service().equals(writes.service()) || !descriptions.of(reads.id()).readsOnly()) {
                continue;
            }
            Ramp readRamp = journal.get(reads.id()).orElse(null);
            if (readRamp == null || !readRamp.state().equals(Ramp.COMPLETED) || reads.split().servicePercent() < 100) {
                throw new RampRefused(409, "route", "waits for its read route's ramp", writes.id() + " takes writes: writes move to "
                        + writes.service() + " only after " + reads.id() + " has completed its ramp to 100% (" + reads.id() + " is at "
                        + reads.split().servicePercent() + "%, " + (readRamp == null ? "never ramped" : "its ramp is " + readRamp.state())
                        + "): kit ramp " + reads.id() + " --steps 25,50,100 --hold 60s first");
            }
        }
    }
}
