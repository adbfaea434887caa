package io.stranglerkit.kit.labs;

import io.stranglerkit.kit.KitCli;
import io.stranglerkit.kit.KitException;
import io.stranglerkit.kit.Messages;
import io.stranglerkit.kit.launcher.KitSettings;
import io.stranglerkit.kit.launcher.Part;
import io.stranglerkit.kit.launcher.Processes;
import io.stranglerkit.kit.route.DiffCommand;
import io.stranglerkit.kit.route.ForwardSync;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** Only groups its subcommands: without one, picocli prints the usage and exits 2. */
@Command(name = "lab", mixinStandardHelpOptions = true, description = "Classroom labs (migration-playbook/labs/).",
        subcommands = LabCommand.Start.class)
public class LabCommand {

    @Command(name = "start", mixinStandardHelpOptions = true,
            description = {"Puts the running kit in the state lab N starts from, whatever earlier labs left: every part up,",
                    "each route's split, stickiness and shadow, ramps aborted, the catalog's forward sync on.",
                    "Prints what it changed. Data in the databases is left as it is (./kit reset for that)."})
    static class Start implements Callable<Integer> {

        @Parameters(paramLabel = "N", description = "1 .. " + CheckCommand.LABS + " (or lab-N)")
        String lab;

        private final PrintStream out = System.out;

        @Override
        public Integer call() throws Exception {
            int number = CheckCommand.labNumber(lab);
            long began = System.nanoTime();
            KitProbe kit = new KitProbe(KitSettings.fromEnvironment());
            LabStart start = LabStart.of(number);
            Messages msg = kit.msg;
            out.println(msg.get("lab.startsFrom", number, describe(start)));
            List<String> changed = new ArrayList<>();
            startPartsThatAreDown(kit, changed);
            forwardSyncOn(kit, changed);
            routes(kit, start, changed);
            if (start.resetSearchDiffs()) {
                DiffCommand.resetEveryReplica(kit.settings, "search");
                changed.add(msg.get("lab.diffsReset"));
            }
            double seconds = (System.nanoTime() - began) / 1e9;
            String took = String.format(Locale.ROOT, "%.1f", seconds);
            if (changed.isEmpty()) {
                out.println(msg.get("lab.nothing", took));
            } else {
                changed.forEach(line -> out.println("  " + msg.get("lab.changed", line)));
                out.println(msg.get("lab.ready", number, changed.size(), took, String.format(Locale.ROOT, "%02d", number)));
            }
            return 0;
        }

        private static String describe(LabStart start) {
            List<String> parts = new ArrayList<>();
            start.routes().forEach((route, split) -> parts.add(route + " " + split));
            return String.join(", ", parts);
        }

        /** A lab needs every part: what is down (a drill of an earlier lab) is started, as ./kit up would. */
        private void startPartsThatAreDown(KitProbe kit, List<String> changed) {
            Processes processes = new Processes(kit.settings);
            List<String> down = kit.topology.parts().stream().filter(Part::isBuilt).map(Part::name)
                    .filter(name -> processes.find(name).filter(Processes.Running::alive).isEmpty()).toList();
            if (down.isEmpty()) {
                return;
            }
            out.println(kit.msg.get("lab.startingDown", String.join(", ", down)));
            if (KitCli.run("up") != 0) {
                throw new KitException("the kit did not come up", "see the lines above and ./kit status");
            }
            changed.add(kit.msg.get("lab.started", String.join(", ", down)));
        }

        /** Every lab starts with the catalog following the monolith; switched on before routes move, so no write is left behind. */
        private void forwardSyncOn(KitProbe kit, List<String> changed) throws Exception {
            ForwardSync sync = kit.forwardSync();
            if (!sync.enabled()) {
                sync.switchTo(true);
                // The monolith's changes while it was off are applied before routes send writes back to it.
                sync.awaitCaughtUp(Duration.ofSeconds(120));
                changed.add(kit.msg.get("lab.forwardOn"));
            }
        }

        private void routes(KitProbe kit, LabStart start, List<String> changed) {
            JsonNode ramps = kit.proxy().get("/admin/ramps");
            JsonNode routes = kit.proxy().get("/admin/routes");
            for (Map.Entry<String, LabStart.Split> wanted : start.routes().entrySet()) {
                String route = wanted.getKey();
                LabStart.Split split = wanted.getValue();
                JsonNode now = KitProbe.route(routes, route);
                boolean shadowable = now.path("shadowable").asBoolean();
                LabStart.Split current = new LabStart.Split(now.path("servicePercent").asInt(), now.path("sticky").asBoolean(),
                        shadowable ? now.path("shadowPercent").asInt() : 0);
                String ramp = activeRamp(ramps, route);
                if (current.equals(split) && ramp == null) {
                    continue;
                }
                kit.proxy().put("/admin/routes/" + route + "?force=true", "{\"servicePercent\":" + split.percent() + ",\"sticky\":"
                        + split.sticky() + (shadowable ? ",\"shadowPercent\":" + split.shadow() : "") + "}");
                if (ramp != null) {
                    changed.add(kit.msg.get("lab.rampAborted", ramp, route));
                }
                if (!current.equals(split)) {
                    changed.add(route + ": " + current + " -> " + split);
                }
            }
        }

        private static String activeRamp(JsonNode ramps, String route) {
            for (JsonNode ramp : ramps) {
                String state = ramp.path("state").asString();
                if (ramp.path("route").asString().equals(route) && (state.equals("running") || state.equals("paused"))) {
                    return state;
                }
            }
            return null;
        }
    }
}
