package io.stranglerkit.proxy.ramp;

import io.stranglerkit.platform.admin.AdminToken;
import io.stranglerkit.proxy.ProxyProperties;
import io.stranglerkit.proxy.admin.RouteAdmin;
import io.stranglerkit.proxy.routing.RouteDescriptions;
import io.stranglerkit.split.SplitRoute;
import io.stranglerkit.split.SplitRoutes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Runs the ramps: each analysis interval it judges every running step over every replica's traffic,
 * promotes a step that passed its whole hold, pauses one that had too few requests to be judged, and
 * rolls back at the first failed check. A write route rolled back stays {@code draining} until the
 * syncs have carried everything the service took back to the monolith. Every transition is saved,
 * audited and counted ({@link RampJournal}); a restart resumes a running step with its hold started again.
 */
@Component
public class RampController implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RampController.class);
    // Fewer monolith requests than this in a step: its p99 says nothing, the last good one is kept.
    private static final int MONOLITH_BASELINE_REQUESTS = 20;

    private final SplitRoutes routes;
    private final RouteDescriptions descriptions;
    private final RouteAdmin admin;
    private final RampReadings readings;
    private final Freshness freshness;
    private final RampJournal journal;
    private final RampAdmission admission;
    private final SyntheticLoad load;
    private final AdminToken token;
    private final ProxyProperties.Ramp settings;
    private final Map<String, Map<String, ReplicaTotals>> stepStart = new ConcurrentHashMap<>();
    // Ramps found running at start-up: resumed at the first analysis after their route is built.
    private final Set<String> toResume = ConcurrentHashMap.newKeySet();
    private volatile ScheduledExecutorService ticker;

    RampController(SplitRoutes routes, RouteDescriptions descriptions, RouteAdmin admin, RampReadings readings, Freshness freshness,
                   RampJournal journal, RampAdmission admission, SyntheticLoad load, AdminToken token, ProxyProperties properties) {
        this.routes = routes;
        this.descriptions = descriptions;
        this.admin = admin;
        this.readings = readings;
        this.freshness = freshness;
        this.journal = journal;
        this.admission = admission;
        this.load = load;
        this.token = token;
        this.settings = properties.ramp();
        journal.all().stream().filter(ramp -> ramp.state().equals(Ramp.RUNNING)).forEach(ramp -> toResume.add(ramp.plan().route()));
    }

    public Optional<Ramp> get(String routeId) {
        return journal.get(routeId);
    }

    public List<Ramp> all() {
        return journal.all();
    }

    /** Whether a ramp holds the route: manual changes are refused meanwhile. */
    public boolean holds(String routeId) {
        return journal.get(routeId).filter(Ramp::active).isPresent();
    }

    synchronized Ramp start(RampPlan plan, String actor) throws RampRefused {
        SplitRoute route = admission.admit(plan);
        Instant now = Instant.now();
        Ramp ramp = new Ramp(plan, "none", 0, now, null, null, List.of(), List.of(), actor,
                readings.monolithP99LastMinute(route, MONOLITH_BASELINE_REQUESTS));
        ramp = ramp.to(Ramp.RUNNING, "started by " + actor + ": steps " + plan.steps() + ", hold " + plan.hold().toSeconds() + " s", now)
                .atStep(0, now);
        move(route, ramp.percent(), "step 1 of " + plan.steps().size());
        return save(route.id(), beginHold(ramp));
    }

    synchronized Ramp pause(String routeId, String actor) throws RampRefused {
        Ramp ramp = inState(routeId, Ramp.RUNNING, "pause");
        load.stop(routeId);
        return save(routeId, ramp.to(Ramp.PAUSED, "paused by " + actor, Instant.now()));
    }

    synchronized Ramp resume(String routeId, String actor) throws RampRefused {
        Ramp ramp = inState(routeId, Ramp.PAUSED, "resume");
        Instant now = Instant.now();
        Ramp resumed = beginHold(ramp.to(Ramp.RUNNING, "resumed by " + actor + ": the hold of step " + (ramp.step() + 1)
                + " starts again", now).restartHold(now));
        return save(routeId, resumed);
    }

    synchronized Ramp abort(String routeId, String actor) throws RampRefused {
        Ramp ramp = journal.get(routeId).orElse(null);
        if (ramp == null || !ramp.active()) {
            throw new RampRefused(409, "route", "has no running or paused ramp", routeId
                    + (ramp == null ? " has no ramp" : "'s ramp is " + ramp.state() + ", not running or paused") + ": nothing to abort");
        }
        return rollBack(routes.get(routeId), ramp.judged(ramp.steps().get(ramp.steps().size() - 1).checks(), "aborted", Instant.now(),
                ramp.monolithP99Ms()), "aborted by " + actor);
    }

    /**
     * A manual change of the route: made while no analysis can move the route, and when a ramp holds the
     * route (the caller forced it), the ramp ends where it is once the change is committed.
     */
    public synchronized <T> T changedByHand(String routeId, String actor, Supplier<T> change) {
        T changed = change.get();
        Ramp ramp = journal.get(routeId).orElse(null);
        if (ramp != null && ramp.active()) {
            load.stop(routeId);
            save(routeId, ramp.to(Ramp.ABORTED, "overridden by a manual route change by " + actor, Instant.now()));
        }
        return changed;
    }

    private Ramp inState(String routeId, String state, String action) throws RampRefused {
        Ramp ramp = journal.get(routeId).orElse(null);
        if (ramp == null || !ramp.state().equals(state)) {
            throw new RampRefused(409, "route", "has no " + state + " ramp", "cannot " + action + " " + routeId + ": "
                    + (ramp == null ? "it has no ramp" : "its ramp is " + ramp.state() + ", not " + state));
        }
        return ramp;
    }

    /** One analysis: every running step judged, every draining route checked. */
    synchronized void analyse() {
        for (Ramp ramp : journal.all()) {
            SplitRoute route = routes.get(ramp.plan().route());
            try {
                if (route != null && toResume.remove(route.id()) && ramp.state().equals(Ramp.RUNNING)) {
                    Instant now = Instant.now();
                    save(route.id(), beginHold(ramp.to(Ramp.RUNNING, "the proxy restarted: the hold of step " + (ramp.step() + 1)
                            + " starts again", now).restartHold(now)));
                } else if (route != null && ramp.state().equals(Ramp.RUNNING)) {
                    judge(route, ramp);
                } else if (route != null && ramp.state().equals(Ramp.DRAINING) && freshness.drained(route.id(), route.service())) {
                    save(route.id(), ramp.to(Ramp.ROLLED_BACK, "the syncs have no backlog: every write " + route.service()
                            + " took is in the monolith", Instant.now()));
                }
            } catch (RuntimeException e) {
                log.warn("ramp of {}: analysis failed, trying again at the next interval: {}", ramp.plan().route(), e.toString());
            }
        }
    }

    private void judge(SplitRoute route, Ramp ramp) {
        Map<String, ReplicaTotals> atStart = stepStart.get(route.id());
        if (atStart == null) {
            stepStart.put(route.id(), readings.everyReplica(route, token.authorization()));
            return;
        }
        Instant now = Instant.now();
        Duration elapsed = Duration.between(ramp.stepStartedAt(), now);
        StepWindow window = RampReadings.window(elapsed, readings.everyReplica(route, token.authorization()), atStart);
        Double monolithP99 = window.monolith().count() >= MONOLITH_BASELINE_REQUESTS ? Double.valueOf(window.monolith().p99Ms())
                : ramp.monolithP99Ms();
        RampPlan plan = ramp.plan();
        List<RampCheck> checks = Analysis.judge(plan, window, monolithP99, settings.p99Floor().toNanos() / 1e6,
                route.split().shadowPercent() > 0, freshness.lag(route.id(), route.service(), plan.maxLagSeconds()));
        Optional<RampCheck> failed = checks.stream().filter(RampCheck::failed).findFirst();
        if (failed.isPresent()) {
            RampCheck check = failed.get();
            Ramp judged = ramp.judged(checks, "failed", now, monolithP99).rolledBack(new Ramp.Rollback(check.check(), check.measured(),
                    check.value(), check.threshold(), elapsed.toSeconds() + " s of step " + (ramp.step() + 1) + " at " + ramp.percent() + "%",
                    plan.toLastGood() ? ramp.lastGoodPercent() : 0));
            rollBack(route, judged, check.check() + " failed: " + check.value() + " (wanted " + check.threshold() + ")");
            return;
        }
        if (elapsed.compareTo(plan.hold()) < 0) {
            journal.update(route.id(), ramp.judged(checks, null, null, monolithP99));
            return;
        }
        if (window.service().count() < plan.minRequests()) {
            load.stop(route.id());
            Ramp paused = ramp.judged(checks, "inconclusive", now, monolithP99).to(Ramp.PAUSED, "inconclusive: " + window.service().count()
                    + " requests reached " + route.service() + " in the " + elapsed.toSeconds() + " s hold, at least " + plan.minRequests()
                    + " are needed to judge it; kit ramp resume " + route.id() + " holds the step again (--load makes traffic)", now);
            save(route.id(), paused);
            return;
        }
        Ramp passed = ramp.judged(checks, "passed", now, monolithP99);
        if (ramp.step() == plan.steps().size() - 1) {
            load.stop(route.id());
            save(route.id(), passed.to(Ramp.COMPLETED, "every step passed: " + route.id() + " is at " + ramp.percent() + "%", now));
            return;
        }
        int next = ramp.step() + 1;
        move(route, plan.steps().get(next), "step " + (next + 1) + " of " + plan.steps().size());
        Ramp promoted = beginHold(passed.atStep(next, now));
        save(route.id(), promoted.to(Ramp.RUNNING, "step " + next + " at " + ramp.percent() + "% passed; step " + (next + 1)
                + " at " + promoted.percent() + "%", now));
    }

    /** Moves the route back; a read route's ramp ends aborted, a write route's drains first. */
    private Ramp rollBack(SplitRoute route, Ramp ramp, String why) {
        int to = ramp.plan().toLastGood() ? ramp.lastGoodPercent() : 0;
        move(route, to, "rolled back: " + why);
        load.stop(route.id());
        boolean writes = !descriptions.of(route.id()).readsOnly();
        String next = writes ? Ramp.DRAINING : Ramp.ABORTED;
        freshness.forget(route.id());
        return save(route.id(), ramp.to(next, why + "; " + route.id() + " moved to " + to + "%"
                + (writes ? ", waiting for the syncs to carry the service's writes to the monolith" : ""), Instant.now()));
    }

    private Ramp beginHold(Ramp ramp) {
        String routeId = ramp.plan().route();
        freshness.forget(routeId);
        stepStart.put(routeId, readings.everyReplica(routes.get(routeId), token.authorization()));
        load.start(routeId, ramp.plan().loadPerSecond());
        return ramp;
    }

    private void move(SplitRoute route, int percent, String why) {
        if (route.split().servicePercent() != percent) {
            admin.setServicePercent(route, percent, "ramp (" + why + ")", "ramp-" + UUID.randomUUID());
        }
    }

    private Ramp save(String routeId, Ramp ramp) {
        return journal.record(routeId, ramp);
    }

    @Override
    public synchronized void start() {
        ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ramp-analysis");
            t.setDaemon(true);
            return t;
        });
        long every = settings.interval().toMillis();
        ticker.scheduleWithFixedDelay(this::analyse, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (ticker != null) {
            ticker.shutdownNow();
            ticker = null;
        }
        journal.all().forEach(ramp -> load.stop(ramp.plan().route()));
    }

    @Override
    public boolean isRunning() {
        return ticker != null;
    }
}
