package io.stranglerkit.kit.walkthrough;

import io.stranglerkit.kit.KitCli;
import io.stranglerkit.kit.KitException;
import io.stranglerkit.kit.Messages;
import io.stranglerkit.kit.launcher.KitSettings;
import io.stranglerkit.kit.launcher.Processes;
import io.stranglerkit.kit.launcher.Topology;
import io.stranglerkit.kit.route.ForwardSync;
import io.stranglerkit.kit.walkthrough.ProxyTraffic.Traffic;

import java.io.PrintStream;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** The walkthrough's steps: what each explains, the command it shows, and the check it runs. */
final class WalkthroughSteps {

    /** Search is steps 1-9, the catalog 10-14. */
    static final int COUNT = 14;
    private static final String RAMP_SEARCH = "kit ramp search --steps 50,100 --hold 10s --load 20/s --min-requests 50 --max-p99-ratio 3 --watch";
    private static final String RAMP_CATALOG_READS = "kit ramp catalog-read --steps 10,50,100 --hold 8s --load 40/s --min-requests 20"
            + " --max-p99 500ms --watch";

    /** @param watch what to look at on the migration console during the step */
    record Step(String title, String watch, String why, String command, Action action) {
    }

    /** A step whose texts are messages walkthrough.KEY.title, .watch and .why, in the class's language. */
    private Step step(String key, String command, Action action) {
        String prefix = "walkthrough." + key + ".";
        return new Step(msg.get(prefix + "title"), msg.get(prefix + "watch"), msg.get(prefix + "why"), command, action);
    }

    @FunctionalInterface
    interface Action {
        /** Runs the step and returns what its check saw; throws {@link KitException} when the check fails. */
        String run() throws Exception;
    }

    private final KitSettings settings;
    private final Topology topology;
    private final PrintStream out;
    private final ProxyTraffic proxy;
    private final Messages msg;

    WalkthroughSteps(KitSettings settings, Topology topology, HttpClient http, PrintStream out, Messages msg) {
        this.msg = msg;
        this.settings = settings;
        this.topology = topology;
        this.out = out;
        this.proxy = new ProxyTraffic(http, topology, out);
    }

    List<Step> all() {
        return List.of(
                step("baseline", "kit route set search 0 --sticky", () -> {
                    Traffic t = routeSearchTo(0, 30, 0);
                    return msg.get("walkthrough.baseline.passed", t.requests());
                }),
                step("cdc", "kit verify search --wait 60s", () -> {
                    if (cli("verify", "search", "--wait", "60s") != 0) {
                        throw new KitException("the search model does not match the monolith",
                                "look at ./kit status (CDC and Search model lines) and ./kit logs extracted-search-service");
                    }
                    return msg.get("walkthrough.cdc.passed");
                }),
                step("parallel", "kit route set search 0 --shadow 100 && kit diff search", () -> new ParallelRunCheck(settings, proxy, msg).run()),
                step("canary", "kit route set search 10 --sticky", () -> {
                    // 200 clients: the share may stray a few points from 10 (the hash of their ids decides)
                    Traffic t = routeSearchTo(10, 200, 7);
                    proxy.requireSticky();
                    return msg.get("walkthrough.canary.passed", String.format(Locale.ROOT, "%.1f", t.servicePercent()));
                }),
                step("compare", "kit bench compare search --duration 5s --warmup 2s --concurrency 4 --targets monolith,service && kit route list", () -> {
                    if (cli("bench", "compare", "search", "--duration", "5s", "--warmup", "2s", "--concurrency", "4",
                            "--targets", "monolith,service") != 0) {
                        throw new KitException("the comparison saw errors", "see the table above and ./kit logs extracted-search-service");
                    }
                    cli("route", "list");
                    return msg.get("walkthrough.compare.passed");
                }),
                step("ramp", RAMP_SEARCH, () -> {
                    if (cli(RAMP_SEARCH.substring("kit ".length()).split(" ")) != 0) {
                        throw new KitException("the ramp of search did not complete", "read its reason: ./kit ramp status search");
                    }
                    return msg.get("walkthrough.ramp.passed");
                }),
                step("all", "kit route set search 100 --sticky", () -> {
                    Traffic t = routeSearchTo(100, 200, 0);
                    return msg.get("walkthrough.all.passed", t.requests());
                }),
                step("fallback", "kill -9 <the search service's pid>", () -> {
                    Processes processes = new Processes(settings);
                    var running = processes.find(Topology.SEARCH).orElseThrow(() -> new KitException(
                            "the search service is not running", "start it again: ./kit down && ./kit up"));
                    processes.stop(running, Duration.ZERO);
                    Traffic t = proxy.searches(30);
                    require(t.errors() == 0 && t.fallbacks() == t.requests() && t.byMonolith() == t.requests(), t,
                            "every search answered by the monolith with X-Fallback");
                    return msg.get("walkthrough.fallback.passed", t.requests());
                }),
                step("back", "kit restart extracted-search-service", () -> {
                    if (cli("restart", Topology.SEARCH) != 0) {
                        throw new KitException("the search service did not come back", "read ./kit logs extracted-search-service");
                    }
                    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                    Traffic t = proxy.searches(50);
                    while (t.byService() < t.requests() && System.nanoTime() < deadline) {
                        Thread.sleep(1000); // the circuit breaker lets traffic through again after its wait
                        t = proxy.searches(50);
                    }
                    require(t.errors() == 0 && t.byService() == t.requests(), t, "every search served by the service again");
                    return msg.get("walkthrough.back.passed");
                }),
                step("catalogCopy", "kit verify catalog --wait 60s", () -> {
                    topology.requireReady(Topology.CATALOG);
                    setForwardSync(true);
                    verifyCatalog("the catalog does not match the monolith");
                    return msg.get("walkthrough.catalogCopy.passed");
                }),
                step("catalogReads", RAMP_CATALOG_READS, () -> {
                    setRoute("catalog-read", 0);
                    if (cli(RAMP_CATALOG_READS.substring("kit ".length()).split(" ")) != 0) {
                        throw new KitException("the ramp of catalog-read did not complete", "read its reason: ./kit ramp status catalog-read");
                    }
                    Traffic t = proxy.productTraffic(12, false);
                    require(t.errors() == 0 && t.byService() == t.requests(), t, "every read served by the catalog");
                    return msg.get("walkthrough.catalogReads.passed", t.requests());
                }),
                step("catalogWrites", "kit route set catalog-write 10 / 50 / 100 --sticky && kit verify catalog --wait 30s",
                        () -> msg.get("walkthrough.catalogWrites.passed", rampCatalog("catalog-write", 60, true, 15,
                                percent -> verifyCatalog("after " + percent + "% of writes the two databases differ")))),
                step("rollback", "kit route set catalog-write 0 --sticky && kit verify catalog --wait 30s", () -> {
                    setRoute("catalog-write", 0);
                    Traffic t = proxy.productTraffic(40, true);
                    require(t.errors() == 0 && t.byService() == 0, t, "every write served by the monolith");
                    verifyCatalog("after the rollback the two databases differ");
                    return msg.get("walkthrough.rollback.passed", t.requests());
                }),
                step("retire", "kit route set catalog-write 100 --sticky && curl -X PUT .../admin/forward-sync -d '{\"enabled\":false}'", () -> {
                    setRoute("catalog-write", 100);
                    setForwardSync(false);
                    Traffic t = proxy.productTraffic(40, true);
                    require(t.errors() == 0 && t.byService() == t.requests(), t, "every write served by the catalog");
                    verifyCatalog("with the forward sync off the monolith's table fell behind");
                    return msg.get("walkthrough.retire.passed");
                }));
    }

    /**
     * Sets a catalog route to 10, 50 and 100%, sends product traffic through the proxy at each level and
     * checks the share the catalog served (within {@code tolerance} points; exactly all at 100%).
     * Returns what was seen, e.g. "10% -> 9%, 50% -> 52%, 100% -> 100%".
     */
    private String rampCatalog(String route, int requests, boolean writes, int tolerance, AtLevel afterEach) throws Exception {
        StringBuilder seen = new StringBuilder();
        for (int percent : new int[]{10, 50, 100}) {
            setRoute(route, percent);
            Traffic t = proxy.productTraffic(requests, writes);
            require(t.errors() == 0 && Math.abs(t.servicePercent() - percent) <= (percent == 100 ? 0 : tolerance), t,
                    "about " + percent + "% of " + (writes ? "writes" : "reads") + " served by the catalog, no errors");
            afterEach.check(percent);
            seen.append(String.format(Locale.ROOT, "%s%d%% -> %.0f%%", seen.isEmpty() ? "" : ", ", percent, t.servicePercent()));
        }
        return seen.toString();
    }

    @FunctionalInterface
    interface AtLevel {
        void check(int percent) throws Exception;
    }

    private void verifyCatalog(String problem) {
        if (cli("verify", "catalog", "--wait", "60s") != 0) {
            throw new KitException(problem, "see the differences above, the catalog's /status and ./kit status (CDC line)");
        }
    }

    /** The catalog's forward sync on (then until it holds every product) or off. */
    private void setForwardSync(boolean on) throws Exception {
        ForwardSync sync = new ForwardSync(settings);
        sync.switchTo(on);
        out.println("  forward sync (monolith -> catalog) " + (on ? "on" : "off"));
        if (on) {
            sync.awaitCaughtUp(Duration.ofSeconds(120));
        }
    }

    /** Runs a kit command in this process; the step's "$" line already showed it. */
    private static int cli(String... args) {
        return KitCli.run(args);
    }

    /**
     * Sets the search route to {@code percent}, searches as {@code clients} distinct clients, and
     * checks that no search failed and the service's share is within {@code tolerance} points.
     */
    private Traffic routeSearchTo(int percent, int clients, double tolerance) throws Exception {
        setRoute("search", percent);
        Traffic t = proxy.searches(clients);
        require(t.errors() == 0 && Math.abs(t.servicePercent() - percent) <= tolerance, t,
                (tolerance == 0 ? "exactly " : "about ") + percent + "% of searches served by the service, no errors");
        return t;
    }

    /**
     * Sets the percentage and stickiness together: a step must not depend on what the user (or a lab)
     * left behind, e.g. a route turned non-sticky, under which clients flip sides at a fixed percentage.
     */
    private void setRoute(String route, int percent) {
        // --force: a ramp a user left running on the route (a lab's) is aborted, the walkthrough's setting wins.
        if (cli("route", "set", route, String.valueOf(percent), "--sticky", "--force") != 0) {
            throw new KitException("could not set " + route + " to " + percent + "%", "see the error above and ./kit route list");
        }
    }

    private static void require(boolean ok, Traffic t, String expected) {
        if (!ok) {
            throw new KitException("expected " + expected + ", saw " + t,
                    "look at ./kit route list, ./kit status and ./kit logs routing-proxy");
        }
    }
}
