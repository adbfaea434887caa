package io.stranglerkit.kit.launcher;

import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "down", mixinStandardHelpOptions = true,
        description = "Stops everything kit up started: applications first, infrastructure last. Data is kept.")
public class DownCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        KitSettings settings = KitSettings.fromEnvironment();
        stopEverything(settings, new PrintWriter(System.out, true));
        return 0;
    }

    static void stopEverything(KitSettings settings, PrintWriter out) {
        Topology topology = new Topology(settings);
        Processes processes = new Processes(settings);
        List<String> reversed = new ArrayList<>(topology.names());
        java.util.Collections.reverse(reversed);
        reversed.add(0, Supervisor.NAME); // first, so that it restarts nothing while the parts stop
        int stopped = 0;
        for (String name : reversed) {
            var running = processes.find(name);
            if (running.isEmpty()) {
                continue;
            }
            if (!running.get().alive()) {
                processes.stop(running.get(), Duration.ZERO);
                out.printf("  %-27s was not running (stale pid %d forgotten)%n", name, running.get().pid());
                continue;
            }
            Duration took = processes.stop(running.get(), Duration.ofSeconds(30));
            out.printf(Locale.ROOT, "  %-27s stopped (pid %d) in %.1f s%n", name, running.get().pid(), took.toMillis() / 1000.0);
            stopped++;
        }
        out.println(stopped == 0 ? "Nothing was running." : "The kit is down; data is kept in " + settings.home() + ".");
    }
}
