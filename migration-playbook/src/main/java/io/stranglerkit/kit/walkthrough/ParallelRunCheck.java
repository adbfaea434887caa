package io.stranglerkit.kit.walkthrough;

import io.stranglerkit.kit.KitCli;
import io.stranglerkit.kit.KitException;
import io.stranglerkit.kit.Messages;
import io.stranglerkit.kit.launcher.KitSettings;
import io.stranglerkit.kit.route.ProxyAdminClient;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.Locale;

/**
 * The walkthrough's parallel run: every search also asked of the search service, the answers
 * compared by the proxy, then the shadow switched off again before the canary.
 */
final class ParallelRunCheck {

    private static final int SEARCHES = 100;
    // A difference waits for CDC to catch up (about a second while the bridge streams).
    private static final Duration SETTLE = Duration.ofSeconds(40);

    private final KitSettings settings;
    private final ProxyTraffic proxy;

    private final Messages msg;

    ParallelRunCheck(KitSettings settings, ProxyTraffic proxy, Messages msg) {
        this.msg = msg;
        this.settings = settings;
        this.proxy = proxy;
    }

    String run() throws Exception {
        shadow(100);
        ProxyAdminClient admin = new ProxyAdminClient(settings);
        KitCli.run("diff", "search", "--reset");
        ProxyTraffic.Traffic t = proxy.searches(SEARCHES);
        if (t.errors() > 0 || t.byMonolith() != t.requests()) {
            throw new KitException("expected every search answered by the monolith, saw " + t, "look at ./kit route list");
        }
        JsonNode diffs = settle(admin);
        KitCli.run("diff", "search");
        shadow(0);
        long different = diffs.path("different").asLong();
        if (different > 0) {
            throw new KitException("the search service answered " + different + " of " + diffs.path("compared").asLong()
                    + " searches differently from the monolith", "./kit diff search --html shows each differing path side by side");
        }
        if (diffs.path("compared").asLong() == 0) {
            throw new KitException("no search was compared (" + diffs + ")", "look at ./kit logs routing-proxy");
        }
        return msg.get("walkthrough.parallel.passed", diffs.path("compared").asLong(),
                String.format(Locale.ROOT, "%.2f", diffs.path("parityPercent").asDouble()), diffs.path("lagging").asLong());
    }

    /** Until every shadowed search has an outcome: compared, or dropped, failed, skipped, unresolved. */
    private JsonNode settle(ProxyAdminClient admin) throws InterruptedException {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        while (true) {
            JsonNode d = admin.get("/admin/diffs/search?scope=replicas");
            long done = d.path("compared").asLong() + d.path("dropped").asLong() + d.path("shadowErrors").asLong()
                    + d.path("skipped").asLong() + d.path("unresolved").asLong();
            if ((done >= SEARCHES && d.path("pending").asLong() == 0) || System.nanoTime() > deadline) {
                return d;
            }
            Thread.sleep(250);
        }
    }

    private static void shadow(int percent) {
        if (KitCli.run("route", "set", "search", "0", "--sticky", "--shadow", String.valueOf(percent)) != 0) {
            throw new KitException("could not set the search route's shadow to " + percent + "%", "see the error above");
        }
    }
}
