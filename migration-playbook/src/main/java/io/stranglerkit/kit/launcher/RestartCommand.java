package io.stranglerkit.kit.launcher;

import io.stranglerkit.kit.KitException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;

/** Stops one part if it runs and starts it again, for drills (a killed service) and after a rebuild of one module. */
@Command(name = "restart", mixinStandardHelpOptions = true,
        description = {"Stops one part (if it runs) and starts it again, waiting until it is healthy; the rest keeps running.",
                "Parts: mariadb, kafka, legacy-monolith, cdc-bridge, extracted-search-service, extracted-catalog-service, routing-proxy."})
public class RestartCommand implements Callable<Integer> {

    @Parameters(paramLabel = "PART", description = "The part to restart, as kit status names it.")
    String name;

    @Override
    public Integer call() {
        KitSettings settings = KitSettings.fromEnvironment();
        Topology topology = new Topology(settings);
        Part part = topology.requirePart(name);
        if (!part.isBuilt()) {
            throw new KitException(name + " is not built yet", "build it with ./mvnw -B package -DskipTests");
        }
        Processes processes = new Processes(settings);
        try (StartLock lock = StartLock.acquire(settings)) {
            var running = processes.find(name);
            if (running.isPresent() && running.get().alive()) {
                Duration took = processes.stop(running.get(), Duration.ofSeconds(30));
                System.out.printf(Locale.ROOT, "  %-27s stopped (pid %d) in %.1f s%n", name, running.get().pid(), took.toMillis() / 1000.0);
            } else {
                processes.forget(name);
            }
            Startup startup = new Startup(settings, topology, processes, new PrintWriter(System.out, true));
            long began = System.nanoTime();
            startup.awaitHealthy(part, startup.start(part), String.format(Locale.ROOT, "  %-27s", name), began);
        }
        return 0;
    }
}
