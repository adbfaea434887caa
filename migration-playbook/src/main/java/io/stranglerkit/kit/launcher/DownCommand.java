package io.stranglerkit.kit.launcher;

import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

@Command(name = "down", mixinStandardHelpOptions = true,
        description = "Stops everything kit up started: applications first, infrastructure last. Data is kept.")
public class DownCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        KitSettings settings = KitSettings.fromEnvironment();
        stopEverything(settings, new PrintWriter(System.out, true));
        return 0;
    }

    /**
     * The supervisor first, so that it restarts nothing; then the start phases in reverse (applications,
     * the monolith and catalog, infrastructure last), the parts of one phase together: their shutdowns
     * wait on their own flushes, not on each other.
     */
    static void stopEverything(KitSettings settings, PrintWriter out) {
        Topology topology = new Topology(settings);
        Processes processes = new Processes(settings);
        List<List<String>> waves = new ArrayList<>();
        waves.add(List.of(Supervisor.NAME));
        List<String> phased = new ArrayList<>();
        List<List<Part>> phases = new ArrayList<>(topology.phases());
        java.util.Collections.reverse(phases);
        for (List<Part> phase : phases) {
            waves.add(phase.stream().map(Part::name).toList());
            phase.forEach(p -> phased.add(p.name()));
        }
        // Anything the phases do not name (a replica dropped since) is stopped last, on its own.
        topology.names().stream().filter(n -> !phased.contains(n)).forEach(n -> waves.add(List.of(n)));
        int stopped = 0;
        ExecutorService pool = Executors.newCachedThreadPool();
        try {
            for (List<String> wave : waves) {
                List<Future<Stopped>> results = new ArrayList<>();
                for (String name : wave) {
                    results.add(pool.submit(() -> stopOne(processes, name)));
                }
                for (Future<Stopped> result : results) {
                    Stopped part = result.get();
                    if (part != null) {
                        out.println(part.line());
                        stopped += part.wasRunning() ? 1 : 0;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException("stopping a part failed", e.getCause());
        } finally {
            pool.shutdown();
        }
        out.println(stopped == 0 ? "Nothing was running." : "The kit is down; data is kept in " + settings.home() + ".");
    }

    /** What stopping one part did: the line to print, and whether the part had been running. */
    private record Stopped(String line, boolean wasRunning) {
    }

    /** Stops one part if it has a pid file; null when it has none. */
    private static Stopped stopOne(Processes processes, String name) {
        var running = processes.find(name);
        if (running.isEmpty()) {
            return null;
        }
        if (!running.get().alive()) {
            processes.stop(running.get(), Duration.ZERO);
            return new Stopped(String.format(Locale.ROOT, "  %-27s was not running (stale pid %d forgotten)", name, running.get().pid()), false);
        }
        Duration took = processes.stop(running.get(), Duration.ofSeconds(30));
        return new Stopped(String.format(Locale.ROOT, "  %-27s stopped (pid %d) in %.1f s", name, running.get().pid(),
                took.toMillis() / 1000.0), true);
    }
}
