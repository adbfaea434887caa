package io.stranglerkit.kit.ramp;

import io.stranglerkit.kit.KitException;
import io.stranglerkit.kit.launcher.KitSettings;
import io.stranglerkit.kit.route.ProxyAdminClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "ramp", mixinStandardHelpOptions = true,
        description = {"Moves a route to its service step by step; the proxy judges each step over its hold and rolls",
                "back at the first failed check (service errors, p99 against the monolith's, fallbacks, parity",
                "when shadowing, the read model's lag). Too few requests to judge: the ramp pauses, never promotes.",
                "A write route rolled back drains its data to the monolith first; it ramps only after its reads.",
                "Exit 0 completed, 1 rolled back, 2 bad input, 3 paused (with --watch)."},
        subcommands = {RampActions.Status.class, RampActions.Pause.class, RampActions.Resume.class, RampActions.Abort.class})
public class RampCommand implements Callable<Integer> {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Parameters(index = "0", arity = "0..1", paramLabel = "ROUTE", description = "search, catalog-read or catalog-write")
    String route;

    @Option(names = "--steps", paramLabel = "P,P,...", description = "Service percentages, increasing, e.g. 10,25,50,100.")
    String steps;

    @Option(names = "--hold", paramLabel = "DURATION", description = "How long each step is held and judged, e.g. 60s (at least 1s).")
    String hold;

    @Option(names = "--max-error-rate", paramLabel = "PCT", description = "Service errors (5xx, timeouts) at most this share (default 1%%).")
    String maxErrorRate;

    @Option(names = "--max-p99-ratio", paramLabel = "R", description = "Service p99 at most R x the monolith's (default 1.5).")
    String maxP99Ratio;

    @Option(names = "--max-p99", paramLabel = "MS", description = "Or an absolute ceiling for the service p99, e.g. 250ms.")
    String maxP99;

    @Option(names = "--max-fallbacks", paramLabel = "N", description = "Reads the service failed, answered by the monolith (default 5).")
    String maxFallbacks;

    @Option(names = "--min-parity", paramLabel = "PCT", description = "When shadowing: answers that agree, at least (default 99.5%%).")
    String minParity;

    @Option(names = "--max-lag", paramLabel = "DURATION", description = "The read model's lag, under (default 1s).")
    String maxLag;

    @Option(names = "--min-requests", paramLabel = "N", description = "Service requests a step needs to be judged (default 100).")
    String minRequests;

    @Option(names = "--load", paramLabel = "N/s", description = "Synthetic reads the proxy sends itself during each step, e.g. 20/s.")
    String load;

    @Option(names = "--rollback-to", paramLabel = "zero|last-good-step", description = "Where a failed step goes (default zero).")
    String rollbackTo;

    @Option(names = "--watch", description = "Follow the ramp: its checks each second, then the verdict (exit 3 when it pauses).")
    boolean watch;

    @Override
    public Integer call() {
        if (route == null) {
            throw new KitException("name the route to ramp", "./kit ramp search --steps 10,50,100 --hold 60s --load 20/s", 2);
        }
        ObjectNode plan = plan();
        // A second ramp, or writes before their reads, is refused with 409: bad input for this command.
        JsonNode started = new ProxyAdminClient(KitSettings.fromEnvironment()).post("/admin/ramps", plan.toString(), 2);
        System.out.println(RampView.summary(started));
        if (!watch) {
            System.out.println("follow it with ./kit ramp status " + route + " --watch; stop it with ./kit ramp abort " + route);
            return 0;
        }
        return RampView.watch(route);
    }

    /** The plan as the proxy takes it: only what was given, the proxy fills in the defaults and checks the values. */
    ObjectNode plan() {
        if (steps == null || hold == null) {
            throw new KitException("a ramp needs --steps and --hold", "./kit ramp " + route + " --steps 10,50,100 --hold 60s", 2);
        }
        ObjectNode plan = JSON.createObjectNode();
        plan.put("route", route);
        var stepList = plan.putArray("steps");
        for (String step : List.of(steps.split(","))) {
            stepList.add(whole("--steps", step.strip()));
        }
        plan.put("hold", hold);
        if (maxErrorRate != null) {
            plan.put("maxErrorRatePercent", number("--max-error-rate", maxErrorRate, "%"));
        }
        if (maxP99Ratio != null) {
            plan.put("maxP99Ratio", number("--max-p99-ratio", maxP99Ratio, "x"));
        }
        if (maxP99 != null) {
            plan.put("maxP99Ms", number("--max-p99", maxP99, "ms"));
        }
        if (maxFallbacks != null) {
            plan.put("maxFallbacks", whole("--max-fallbacks", maxFallbacks));
        }
        if (minParity != null) {
            plan.put("minParityPercent", number("--min-parity", minParity, "%"));
        }
        if (maxLag != null) {
            plan.put("maxLagSeconds", maxLag.endsWith("ms") ? number("--max-lag", maxLag, "ms") / 1000 : number("--max-lag", maxLag, "s"));
        }
        if (minRequests != null) {
            plan.put("minRequests", whole("--min-requests", minRequests));
        }
        if (load != null) {
            plan.put("loadPerSecond", whole("--load", load.endsWith("/s") ? load.substring(0, load.length() - 2) : load));
        }
        if (rollbackTo != null) {
            plan.put("rollbackTo", rollbackTo);
        }
        return plan;
    }

    private static long whole(String option, String value) {
        if (!value.matches("-?\\d{1,18}")) {
            throw new KitException(option + " must be a whole number, got '" + value + "'", "./kit ramp --help", 2);
        }
        return Long.parseLong(value);
    }

    private static double number(String option, String value, String unit) {
        String bare = value.endsWith(unit) ? value.substring(0, value.length() - unit.length()) : value;
        try {
            double number = Double.parseDouble(bare.strip());
            if (!Double.isFinite(number)) {
                throw new NumberFormatException(value);
            }
            return number;
        } catch (NumberFormatException e) {
            throw new KitException(option + " must be a number" + (unit.isEmpty() ? "" : " (optionally with " + unit + ")")
                    + ", got '" + value + "'", "./kit ramp --help", 2);
        }
    }
}
