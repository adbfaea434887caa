package io.stranglerkit.kit.ramp;

import io.stranglerkit.kit.KitException;
import io.stranglerkit.kit.launcher.KitSettings;
import io.stranglerkit.kit.route.ProxyAdminClient;
import io.stranglerkit.kit.verify.VerifyCatalogCommand;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;

import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/** How a ramp reads in the terminal: a summary line, its checks, and following it live. */
final class RampView {

    private RampView() {
    }

    static String summary(JsonNode ramp) {
        String line = String.format(Locale.ROOT, "%s: %s, step %d of %d at %d%% (route at %s%%)", ramp.path("route").asString(),
                ramp.path("state").asString(), ramp.path("step").asInt(), ramp.path("of").asInt(), ramp.path("percent").asInt(),
                ramp.path("routePercent").asString("?"));
        return ramp.path("reason").isString() ? line + "\n  " + ramp.path("reason").asString() : line;
    }

    /** The checks of the current (or last) step, one line each. */
    static String checks(JsonNode ramp) {
        StringBuilder out = new StringBuilder();
        JsonNode steps = ramp.path("steps");
        JsonNode checks = steps.path(steps.size() - 1).path("checks");
        for (JsonNode check : checks) {
            out.append(String.format(Locale.ROOT, "  %-11s %-8s %-40s %s%n", check.path("check").asString(),
                    check.path("verdict").asString(), check.path("value").asString(), check.path("threshold").asString()));
        }
        return out.toString();
    }

    static String details(JsonNode ramp) {
        StringBuilder out = new StringBuilder(summary(ramp)).append('\n');
        JsonNode plan = ramp.path("plan");
        out.append(String.format(Locale.ROOT, "plan: steps %s, hold %s s, min %d requests per step%s%n", plan.path("steps"),
                plan.path("holdSeconds").asString(), plan.path("minRequests").asLong(),
                plan.path("loadPerSecond").asInt() > 0 ? ", load " + plan.path("loadPerSecond").asInt() + "/s" : ""));
        for (JsonNode step : ramp.path("steps")) {
            out.append(String.format(Locale.ROOT, "step at %3d%%: %s%n", step.path("percent").asInt(),
                    step.path("verdict").isNull() ? "holding since " + step.path("startedAt").asString() : step.path("verdict").asString()));
        }
        out.append("checks:\n").append(checks(ramp));
        JsonNode rollback = ramp.path("rollback");
        if (rollback.isObject()) {
            out.append(String.format(Locale.ROOT, "rolled back on %s: %s, %s (after %s), route moved to %d%%%n", rollback.path("check").asString(),
                    rollback.path("value").asString(), rollback.path("threshold").asString(), rollback.path("window").asString(),
                    rollback.path("toPercent").asInt()));
        }
        out.append("history:\n");
        for (JsonNode h : ramp.path("history")) {
            out.append(String.format(Locale.ROOT, "  %s %s -> %s: %s%n", h.path("at").asString(), h.path("from").asString(),
                    h.path("to").asString(), h.path("why").asString()));
        }
        return out.toString();
    }

    /**
     * Prints the checks once a second until the ramp ends (0 completed, 1 rolled back) or pauses (3):
     * a paused ramp waits for a person, so following it on would only repeat the same lines.
     */
    static int watch(String route) {
        ProxyAdminClient proxy = new ProxyAdminClient(KitSettings.fromEnvironment());
        while (true) {
            JsonNode ramp = proxy.get("/admin/ramps/" + route);
            String state = ramp.path("state").asString();
            System.out.printf(Locale.ROOT, "%s %s step %d/%d at %d%%%n", LocalTime.now().truncatedTo(ChronoUnit.SECONDS), state,
                    ramp.path("step").asInt(), ramp.path("of").asInt(), ramp.path("percent").asInt());
            System.out.print(checks(ramp));
            switch (state) {
                case "paused" -> {
                    System.out.println("paused: " + ramp.path("reason").asString(""));
                    System.out.println("the ramp holds " + route + " at " + ramp.path("percent").asInt() + "%: ./kit ramp resume " + route
                            + " && ./kit ramp status " + route + " --watch, or ./kit ramp abort " + route);
                    return 3;
                }
                case "completed" -> {
                    System.out.println("completed: " + route + " is at " + ramp.path("percent").asInt() + "%");
                    return 0;
                }
                case "aborted", "rolled-back" -> {
                    System.out.print(details(ramp));
                    return rolledBack(route, ramp);
                }
                default -> sleep();
            }
        }
    }

    /** A write route's way back ends with the kit's own comparison of both databases. */
    private static int rolledBack(String route, JsonNode ramp) {
        boolean writes = ramp.path("history").valueStream().anyMatch(h -> h.path("to").asString().equals("draining"));
        // The kit compares only the catalog's database with the monolith's: the one service that takes writes.
        if (writes && ramp.path("target").asString().equals("catalog-service")) {
            System.out.println("the syncs have drained; comparing the monolith's and the catalog's products:");
            int verified = new CommandLine(new VerifyCatalogCommand()).execute("--wait", "30s");
            if (verified != 0) {
                throw new KitException("rolled back, but the two databases differ (above)", "./kit verify catalog --wait 60s", 1);
            }
        }
        return 1;
    }

    private static void sleep() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KitException("interrupted", null);
        }
    }
}
