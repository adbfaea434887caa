package io.stranglerkit.kit.walkthrough;

import io.stranglerkit.kit.KitCli;
import io.stranglerkit.kit.KitException;
import io.stranglerkit.kit.launcher.KitSettings;
import io.stranglerkit.kit.launcher.Processes;
import io.stranglerkit.kit.launcher.Topology;
import io.stranglerkit.kit.walkthrough.ProxyTraffic.Traffic;
import tools.jackson.databind.ObjectMapper;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** The walkthrough's steps: what each explains, the command it shows, and the check it runs. */
final class WalkthroughSteps {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Search is steps 1-9, the catalog 10-14. */
    static final int COUNT = 14;
    private static final String RAMP_SEARCH = "kit ramp search --steps 50,100 --hold 10s --load 20/s --min-requests 50 --max-p99-ratio 3 --watch";
    private static final String RAMP_CATALOG_READS = "kit ramp catalog-read --steps 10,50,100 --hold 8s --load 40/s --min-requests 20"
            + " --max-p99 500ms --watch";

    /** @param watch what to look at on the migration console during the step */
    record Step(String title, String watch, String why, String command, Action action) {
    }

    @FunctionalInterface
    interface Action {
        /** Runs the step and returns what its check saw; throws {@link KitException} when the check fails. */
        String run() throws Exception;
    }

    private final KitSettings settings;
    private final Topology topology;
    private final HttpClient http;
    private final PrintStream out;
    private final ProxyTraffic proxy;

    WalkthroughSteps(KitSettings settings, Topology topology, HttpClient http, PrintStream out) {
        this.settings = settings;
        this.topology = topology;
        this.http = http;
        this.out = out;
        this.proxy = new ProxyTraffic(http, topology, out);
    }

    List<Step> all() {
        return List.of(
                new Step("baseline: everything on the monolith",
                        "the search card at 0%; its req/s chart shows only the monolith's grey line.",
                        "The routing proxy is the strangler fig's facade: clients only talk to it. Before anything moves, every\n"
                                + "search reaches the monolith; we confirm that, so later changes are measured against it.",
                        "kit route set search 0 --sticky", () -> {
                    Traffic t = routeSearchTo(0, 30, 0);
                    return "all " + t.requests() + " searches answered by the monolith";
                }),
                new Step("CDC feeds the search service's own read model",
                        "Data: the search model 'live', 0 changes behind; CDC events/s and commit -> Kafka.",
                        "Change data capture: the cdc-bridge reads the monolith's binlog and publishes every product change to\n"
                                + "Kafka; the search service keeps its own denormalised copy from those events, in its own schema. Before\n"
                                + "it takes any traffic, we check the copy matches the source (CDC is eventually consistent: we wait).",
                        "kit verify search --wait 60s", () -> {
                    if (cli("verify", "search", "--wait", "60s") != 0) {
                        throw new KitException("the search model does not match the monolith",
                                "look at ./kit status (CDC and Search model lines) and ./kit logs extracted-search-service");
                    }
                    return "the read model matches the monolith";
                }),
                new Step("parallel run: both sides answer, users still get the monolith",
                        "the search card: shadow 100%, the parity figure and the JSON paths that differ, if any.",
                        "Before a single user moves, compare the answers on real traffic (a parallel run, as Diffy and GitHub's\n"
                                + "Scientist do): every search still goes to the monolith, and after the client has its answer the proxy asks\n"
                                + "the search service too and compares the two JSON answers, field by field. Fields that differ between two\n"
                                + "answers of the same side (a timestamp) are noise, not differences. A difference on data that just changed\n"
                                + "is 'lagging': it is compared again once CDC has caught up, so replication lag is never taken for a bug.",
                        "kit route set search 0 --shadow 100 && kit diff search", () -> new ParallelRunCheck(settings, proxy).run()),
                new Step("canary: 10% of clients to the service",
                        "the search card: about 10% served by the service; the blue req/s line appears.",
                        "A canary release sends a small share of users to the new side first. Sticky routing keeps each client\n"
                                + "on one side (a hash of its X-Client-Id), so nobody flips between two implementations mid-session.",
                        "kit route set search 10 --sticky", () -> {
                    // 200 clients: the share may stray a few points from 10 (the hash of their ids decides)
                    Traffic t = routeSearchTo(10, 200, 7);
                    proxy.requireSticky();
                    return String.format(Locale.ROOT, "%.1f%% of 200 clients on the service, 0 errors; a client stays on its side", t.servicePercent());
                }),
                new Step("compare latency and errors",
                        "the search card: p50 and p99 of both sides, in the table and on the latency chart.",
                        "Before going further, compare both sides with the same queries (a parallel run in miniature): the\n"
                                + "service must be at least as fast and error-free. The proxy also keeps live per-side numbers.",
                        "kit bench compare search --duration 5s --warmup 2s --concurrency 4 --targets monolith,service && kit route list", () -> {
                    if (cli("bench", "compare", "search", "--duration", "5s", "--warmup", "2s", "--concurrency", "4",
                            "--targets", "monolith,service") != 0) {
                        throw new KitException("the comparison saw errors", "see the table above and ./kit logs extracted-search-service");
                    }
                    cli("route", "list");
                    return "both sides answered without errors; see the p95 ratio in the table";
                }),
                new Step("an automatic ramp: 50%, then 100%, judged by the proxy",
                        "the search card: each step turns 'passed', each check against its threshold; Events: every transition.",
                        "The canary was moved by hand; a ramp does the same on its own, the way Argo Rollouts and Flagger do. The\n"
                                + "proxy holds each step, judges it over every replica's traffic (service errors, p99 against the monolith's,\n"
                                + "fallbacks, the read model's lag) and rolls back at the first failed check. With too few requests it pauses\n"
                                + "rather than promote on no data; --load makes the proxy send itself synthetic searches. (On a laptop that\n"
                                + "runs six JVMs we allow 3x the monolith's p99; a production plan keeps 1.5x or less.)",
                        RAMP_SEARCH, () -> {
                    if (cli(RAMP_SEARCH.substring("kit ".length()).split(" ")) != 0) {
                        throw new KitException("the ramp of search did not complete", "read its reason: ./kit ramp status search");
                    }
                    return "every step passed its checks: search is at 100%";
                }),
                new Step("all of search on the service",
                        "the search card: 100% served by the service; Events: the change and who made it.",
                        "The ramp ended at 100%: every search now goes to the extracted service, which we confirm with real clients.\n"
                                + "The monolith's search code is no longer used: in a real migration it can be deleted once this has run for a while.",
                        "kit route set search 100 --sticky", () -> {
                    Traffic t = routeSearchTo(100, 200, 0);
                    return "all " + t.requests() + " searches served by the search service";
                }),
                new Step("the service dies: fallback to the monolith",
                        "Parts: extracted-search-service turns red; the search card: fallbacks rise.",
                        "New services fail. The proxy's circuit breaker sends reads back to the monolith when the service is\n"
                                + "down, and says so in X-Fallback, so users see answers, not errors.",
                        "kill -9 <the search service's pid>", () -> {
                    Processes processes = new Processes(settings);
                    var running = processes.find(Topology.SEARCH).orElseThrow(() -> new KitException(
                            "the search service is not running", "start it again: ./kit down && ./kit up"));
                    processes.stop(running, Duration.ZERO);
                    Traffic t = proxy.searches(30);
                    require(t.errors() == 0 && t.fallbacks() == t.requests() && t.byMonolith() == t.requests(), t,
                            "every search answered by the monolith with X-Fallback");
                    return "all " + t.requests() + " searches answered by the monolith, each marked X-Fallback";
                }),
                new Step("bring the service back",
                        "Parts: the search service green again; Events: 'extracted-search-service is up again'.",
                        "Restart the service: it loads its model from its own database, catches up from Kafka where it stopped,\n"
                                + "and the proxy sends traffic back to it once it answers again.",
                        "kit restart extracted-search-service", () -> {
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
                    return "the service is back and serves every search";
                }),
                new Step("the catalog service's own copy",
                        "Data: the forward sync live, 0 changes behind; catalog writes open.",
                        "Now the harder half: product writes. The catalog service has its own schema and model (decimal prices,\n"
                                + "tombstones), filled from the same change stream; the bridge also captures the catalog's table, and the\n"
                                + "catalog applies its own changes back to the monolith's, so both sides stay equal whichever is written.",
                        "kit verify catalog --wait 60s", () -> {
                    topology.requireReady(Topology.CATALOG);
                    setForwardSync(true);
                    verifyCatalog("the catalog does not match the monolith");
                    return "the catalog's copy matches the monolith's products";
                }),
                new Step("reads: a ramp to the catalog",
                        "the catalog-read card: the ramp's steps and checks, then 100% on the catalog.",
                        "Reads move first: they are safe to split, and a bad answer shows before any write depends on it. A ramp\n"
                                + "moves them, and the proxy lets a ramp of writes start only once the reads' ramp has completed. The catalog\n"
                                + "has served no reads yet: its JVM's first requests are slow until the JIT has compiled them, and against the\n"
                                + "warm monolith a p99 ratio would roll back a healthy service. So this ramp judges latency against a ceiling.",
                        RAMP_CATALOG_READS, () -> {
                    setRoute("catalog-read", 0);
                    if (cli(RAMP_CATALOG_READS.substring("kit ".length()).split(" ")) != 0) {
                        throw new KitException("the ramp of catalog-read did not complete", "read its reason: ./kit ramp status catalog-read");
                    }
                    Traffic t = proxy.productTraffic(12, false);
                    require(t.errors() == 0 && t.byService() == t.requests(), t, "every read served by the catalog");
                    return "the ramp completed: all " + t.requests() + " reads served by the catalog";
                }),
                new Step("writes: 10%, 50%, 100% to the catalog",
                        "the catalog-write card, and Data: both syncs' lag, backlog and conflicts after each level.",
                        "Now writes land on both sides at once. Each side applies the other's changes by one rule: a delete wins,\n"
                                + "else the higher version, equal content is an echo (dropped: no loop), and the same version written on\n"
                                + "both sides goes to the tie winner. After each level both databases must be equal again.",
                        "kit route set catalog-write 10 / 50 / 100 --sticky && kit verify catalog --wait 30s",
                        () -> "writes served by the catalog: " + rampCatalog("catalog-write", 60, true, 15,
                                percent -> verifyCatalog("after " + percent + "% of writes the two databases differ"))
                                + "; both databases equal after each"),
                new Step("rollback drill: writes back to the monolith",
                        "the catalog-write card back at 0%; Data: the reverse sync at 0 behind again.",
                        "Every migration needs a way back. Send all writes to the monolith again: because every write the\n"
                                + "catalog took is already in the shop's table, nothing is lost, and the catalog keeps following.",
                        "kit route set catalog-write 0 --sticky && kit verify catalog --wait 30s", () -> {
                    setRoute("catalog-write", 0);
                    Traffic t = proxy.productTraffic(40, true);
                    require(t.errors() == 0 && t.byService() == 0, t, "every write served by the monolith");
                    verifyCatalog("after the rollback the two databases differ");
                    return "all " + t.requests() + " writes on the monolith, and both databases still equal";
                }),
                new Step("retire the monolith's catalog",
                        "Data: the forward sync off, the reverse sync live; the catalog-write card at 100%.",
                        "The end state: all product reads and writes on the catalog, and the forward sync switched off, since the\n"
                                + "monolith no longer writes products. The reverse sync stays: the monolith's orders still read its product\n"
                                + "table, so it must keep current prices until orders are extracted too.",
                        "kit route set catalog-write 100 --sticky && curl -X PUT .../admin/forward-sync -d '{\"enabled\":false}'", () -> {
                    setRoute("catalog-write", 100);
                    setForwardSync(false);
                    Traffic t = proxy.productTraffic(40, true);
                    require(t.errors() == 0 && t.byService() == t.requests(), t, "every write served by the catalog");
                    verifyCatalog("with the forward sync off the monolith's table fell behind");
                    return "the catalog owns product writes; the monolith's table still follows it";
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

    /** The catalog service's forward sync switch (PUT /admin/forward-sync, with the admin token). */
    private void setForwardSync(boolean on) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(topology.part(Topology.CATALOG).url() + "/admin/forward-sync"))
                .header("Authorization", "Bearer " + Topology.adminToken(settings)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"enabled\":" + on + "}")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new KitException("the catalog refused to switch its forward sync " + (on ? "on" : "off") + ": " + response.body(),
                    "read ./kit logs extracted-catalog-service");
        }
        out.println("  forward sync (monolith -> catalog) " + (on ? "on" : "off"));
        if (on) {
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            URI status = URI.create(topology.part(Topology.CATALOG).url() + "/status");
            while (!JSON.readTree(http.send(HttpRequest.newBuilder(status).build(), HttpResponse.BodyHandlers.ofString()).body())
                    .path("writesOpen").asBoolean()) {
                if (System.nanoTime() > deadline) {
                    throw new KitException("the catalog has not finished loading the monolith's products after 120 s",
                            "look at the catalog's /status and ./kit logs extracted-catalog-service");
                }
                Thread.sleep(1000);
            }
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
