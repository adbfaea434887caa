package io.stranglerkit.kit.launcher;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;

/** Stops one part on purpose: the supervisor leaves it down and kit status says "down", not "crashed". */
@Command(name = "stop", mixinStandardHelpOptions = true,
        description = {"Stops one part on purpose; the rest keeps running. ./kit up (or ./kit restart PART) starts it again.",
                "Parts: mariadb, kafka, legacy-monolith, cdc-bridge, extracted-search-service, extracted-catalog-service, routing-proxy,",
                "migration-console."})
public class StopCommand implements Callable<Integer> {

    @Parameters(paramLabel = "PART", description = "The part to stop, as kit status names it.")
    String name;

    @Override
    public Integer call() {
        KitSettings settings = KitSettings.fromEnvironment();
        new Topology(settings).requirePart(name);
        Processes processes = new Processes(settings);
        var running = processes.find(name);
        if (running.isEmpty() || !running.get().alive()) {
            running.ifPresent(r -> processes.forget(name));
            System.out.printf("  %-27s was not running%n", name);
            return 0;
        }
        Duration took = processes.stop(running.get(), Duration.ofSeconds(30));
        System.out.printf(Locale.ROOT, "  %-27s stopped (pid %d) in %.1f s%n", name, running.get().pid(), took.toMillis() / 1000.0);
        return 0;
    }
}
