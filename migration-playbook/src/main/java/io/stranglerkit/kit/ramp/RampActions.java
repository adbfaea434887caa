package io.stranglerkit.kit.ramp;

import io.stranglerkit.kit.launcher.KitSettings;
import io.stranglerkit.kit.route.ProxyAdminClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

import java.util.concurrent.Callable;

/** {@code kit ramp status|pause|resume|abort ROUTE}: one call to the proxy's ramp API each. */
final class RampActions {

    private RampActions() {
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "A route's ramp: state, step, each check's value against its threshold, history. Without ROUTE: every ramp.")
    static class Status implements Callable<Integer> {
        @Parameters(index = "0", arity = "0..1", paramLabel = "ROUTE")
        String route;

        @Option(names = "--watch", description = "Follow the ramp until it ends (exit 0 completed, 1 rolled back) or pauses (exit 3).")
        boolean watch;

        @Override
        public Integer call() {
            ProxyAdminClient proxy = new ProxyAdminClient(KitSettings.fromEnvironment());
            if (route == null) {
                JsonNode all = proxy.get("/admin/ramps");
                if (all.isEmpty()) {
                    System.out.println("no ramps yet: ./kit ramp ROUTE --steps 10,50,100 --hold 60s");
                }
                all.forEach(ramp -> System.out.println(RampView.summary(ramp)));
                return 0;
            }
            if (watch) {
                return RampView.watch(route);
            }
            System.out.print(RampView.details(proxy.get("/admin/ramps/" + route)));
            return 0;
        }
    }

    @Command(name = "pause", mixinStandardHelpOptions = true, description = "Holds the route at its current step; nothing is judged meanwhile.")
    static class Pause extends Action {
        Pause() {
            super("pause");
        }
    }

    @Command(name = "resume", mixinStandardHelpOptions = true, description = "Holds the current step again, from the start of its hold.")
    static class Resume extends Action {
        Resume() {
            super("resume");
        }
    }

    @Command(name = "abort", mixinStandardHelpOptions = true,
            description = "Moves the route back (to 0%, or the last good step if so planned); a write route drains first.")
    static class Abort extends Action {
        Abort() {
            super("abort");
        }
    }

    abstract static class Action implements Callable<Integer> {
        private final String verb;

        @Parameters(index = "0", paramLabel = "ROUTE")
        String route;

        Action(String verb) {
            this.verb = verb;
        }

        @Override
        public Integer call() {
            JsonNode ramp = new ProxyAdminClient(KitSettings.fromEnvironment()).post("/admin/ramps/" + route + "/" + verb, "");
            System.out.println(RampView.summary(ramp));
            return 0;
        }
    }
}
