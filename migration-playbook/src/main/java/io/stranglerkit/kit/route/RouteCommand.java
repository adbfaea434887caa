package io.stranglerkit.kit.route;

import io.stranglerkit.kit.KitException;
import io.stranglerkit.kit.launcher.KitSettings;
import io.stranglerkit.kit.launcher.Part;
import io.stranglerkit.kit.launcher.Topology;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "route", mixinStandardHelpOptions = true,
        description = "Shows and changes how much of each migratable route goes to its extracted service.",
        subcommands = {RouteCommand.ListRoutes.class, RouteCommand.SetRoute.class})
/** Only groups its subcommands: without one, picocli prints the usage and exits 2. */
public class RouteCommand {

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = {"Each route: service percentage, stickiness, target, and the last minute's",
                    "p50/p99 and errors on each side (the proxy's /admin/stats, over all its replicas),",
                    "then the route table version each replica serves."})
    static class ListRoutes implements Callable<Integer> {
        @Override
        public Integer call() {
            KitSettings settings = KitSettings.fromEnvironment();
            ProxyAdminClient proxy = new ProxyAdminClient(settings);
            JsonNode routes = proxy.get("/admin/routes");
            JsonNode stats = proxy.get("/admin/stats?scope=replicas");
            List<String> versions = new ArrayList<>();
            for (Part replica : new Topology(settings).proxies()) {
                try {
                    // Each answer names the replica that gave it: the one already asked is not asked again.
                    JsonNode own = replica.name().equals(routes.path(0).path("replica").asString()) ? routes
                            : new ProxyAdminClient(settings, replica.otherPorts().get(0)).get("/admin/routes");
                    versions.add(replica.name() + " v" + own.path(0).path("version").asLong());
                } catch (KitException e) {
                    versions.add(replica.name() + " not answering");
                }
            }
            System.out.print(table(routes, stats));
            int merged = (int) stats.path("replicas").valueStream().filter(r -> r.path("answered").asBoolean()).count();
            System.out.println("route table: " + String.join(", ", versions)
                    + (merged > 1 ? " (latency and errors of " + merged + " replicas together)" : ""));
            return 0;
        }
    }

    @Command(name = "set", mixinStandardHelpOptions = true,
            description = "Sets a route's service percentage (0-100), optionally its stickiness and shadow. Takes effect within a second.")
    static class SetRoute implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "ROUTE", description = "search, catalog-read, catalog-write, ...")
        String route;

        @Parameters(index = "1", paramLabel = "PERCENT", description = "Share of the route's requests for the service, 0-100.")
        String percent;

        @Option(names = "--sticky", negatable = true, description = "Keep each client on one side (--no-sticky: a draw per request).")
        Boolean sticky;

        @Option(names = "--shadow", paramLabel = "PERCENT", description = {"Share of the route's reads also sent to the other side,",
                "whose answer is compared with the client's (./kit diff ROUTE). Read routes only."})
        String shadow;

        @Option(names = "--force", description = "Also when a ramp holds the route: the ramp is aborted, this change wins.")
        boolean force;

        @Override
        public Integer call() {
            if (!percent.matches("-?\\d{1,9}")) {
                throw new KitException("PERCENT must be a whole number from 0 to 100, got '" + percent + "'",
                        "for example: ./kit route set " + route + " 10", 2);
            }
            if (shadow != null && !shadow.matches("-?\\d{1,9}")) {
                throw new KitException("--shadow must be a whole number from 0 to 100, got '" + shadow + "'",
                        "for example: ./kit route set " + route + " " + percent + " --shadow 100", 2);
            }
            String body = "{\"servicePercent\":" + percent + (sticky == null ? "" : ",\"sticky\":" + sticky)
                    + (shadow == null ? "" : ",\"shadowPercent\":" + shadow) + "}";
            ProxyAdminClient proxy = new ProxyAdminClient(KitSettings.fromEnvironment());
            JsonNode updated = proxy.put("/admin/routes/" + route + (force ? "?force=true" : ""), body);
            System.out.printf(Locale.ROOT, "%s: %d%% to %s, sticky %s, shadow %d%%%n", updated.path("id").asString(),
                    updated.path("servicePercent").asInt(), updated.path("target").asString(), updated.path("sticky").asBoolean(),
                    updated.path("shadowPercent").asInt());
            return 0;
        }
    }

    static String table(JsonNode routes, JsonNode stats) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%-15s %9s %7s %8s %-17s | %-27s | %-27s%n",
                "ROUTE", "SERVICE %", "STICKY", "SHADOW %", "TARGET", "MONOLITH p50/p99 ms (errors)", "SERVICE p50/p99 ms (errors)"));
        for (JsonNode route : routes) {
            String id = route.path("id").asString();
            out.append(String.format(Locale.ROOT, "%-15s %9d %7s %8s %-17s | %-27s | %-27s%n", id,
                    route.path("servicePercent").asInt(), route.path("sticky").asBoolean() ? "yes" : "no",
                    route.path("shadowable").asBoolean() ? String.valueOf(route.path("shadowPercent").asInt()) : "-",
                    route.path("target").asString(),
                    side(stats, id, "monolith"), side(stats, id, route.path("target").asString())));
        }
        out.append("(latency and errors over the last minute; '-' means no requests)\n");
        return out.toString();
    }

    private static String side(JsonNode stats, String route, String backend) {
        for (JsonNode row : stats.path("rows")) {
            if (row.path("route").asString().equals(route) && row.path("backend").asString().equals(backend)) {
                JsonNode minute = row.path("lastMinute");
                if (minute.path("count").asLong() == 0) {
                    return "-";
                }
                return String.format(Locale.ROOT, "%.1f / %.1f (%d of %d)", minute.path("p50Ms").asDouble(),
                        minute.path("p99Ms").asDouble(), minute.path("errors").asLong(), minute.path("count").asLong());
            }
        }
        return "-";
    }
}
