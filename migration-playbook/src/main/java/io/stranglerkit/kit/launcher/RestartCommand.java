package io.stranglerkit.kit.launcher;

import io.stranglerkit.kit.KitException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.time.Duration;
import java.util.List;
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
    public Integer call() throws InterruptedException {
        KitSettings settings = KitSettings.fromEnvironment();
        Topology topology = new Topology(settings);
        Part part = topology.part(name);
        if (part == null) {
            throw new KitException("no part '" + name + "'", "parts are " + String.join(", ", topology.names()), 2);
        }
        if (!part.isBuilt()) {
            throw new KitException(name + " is not built yet", "build it with ./mvnw -B package -DskipTests");
        }
        Processes processes = new Processes(settings);
        processes.forgetDead(List.of(name));
        var running = processes.find(name);
        if (running.isPresent()) {
            Duration took = processes.stop(running.get(), Duration.ofSeconds(30));
            System.out.printf(Locale.ROOT, "  %-27s stopped (pid %d) in %.1f s%n", name, running.get().pid(), took.toMillis() / 1000.0);
        }
        if (name.equals(Topology.KAFKA)) {
            topology.kafka().prepare();
        }
        long started = System.nanoTime();
        Processes.Running process = processes.start(part);
        long deadline = started + part.startTimeout().toNanos();
        String missing = "starting";
        while (System.nanoTime() < deadline) {
            if (!process.alive()) {
                throw new KitException(name + " exited during start-up", "read ./kit logs " + name);
            }
            missing = part.whyNotReady(settings.log(name));
            if (missing == null) {
                System.out.printf(Locale.ROOT, "  %-27s up on %s in %.1f s (pid %d)%n", name, part.url(),
                        (System.nanoTime() - started) / 1e9, process.pid());
                return 0;
            }
            Thread.sleep(250);
        }
        throw new KitException(name + " did not become healthy within " + part.startTimeout().toSeconds() + " s (" + missing + ")",
                "read ./kit logs " + name);
    }
}
