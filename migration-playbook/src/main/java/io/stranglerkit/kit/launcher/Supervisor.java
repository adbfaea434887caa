package io.stranglerkit.kit.launcher;

import io.stranglerkit.infra.JavaProcess;
import io.stranglerkit.kit.KitException;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Restarts a part that died unexpectedly: its pid file is still there but its process is gone (a part
 * stopped on purpose has no pid file). Back-off doubles from 1 s to 60 s while a part keeps dying
 * within a minute of its restart; every restart is counted in {@code run/restarts.properties}.
 */
public final class Supervisor {

    static final String NAME = "supervisor";
    private static final Duration STABLE = Duration.ofSeconds(60);
    private static final Duration MAX_BACK_OFF = Duration.ofSeconds(60);

    private final KitSettings settings;
    private final Topology topology;
    private final Processes processes;
    private final PrintWriter log;
    private final Map<String, Instant> lastRestart = new HashMap<>();
    private final Map<String, Integer> failures = new HashMap<>();
    private final Map<String, Instant> notBefore = new HashMap<>();

    Supervisor(KitSettings settings, PrintWriter log) {
        this.settings = settings;
        this.topology = new Topology(settings);
        this.processes = new Processes(settings);
        this.log = log;
    }

    /** Starts the supervisor process unless one runs. */
    static void ensureRunning(KitSettings settings, Processes processes, PrintWriter out) {
        var running = processes.find(NAME).filter(Processes.Running::alive);
        if (running.isPresent()) {
            out.printf("Supervisor: already running (pid %d)%n", running.get().pid());
            return;
        }
        Part part = new Part(NAME, "restarts parts that die unexpectedly", 0, null, List.of(), null,
                JavaProcess.command("48m", "io.stranglerkit.kit.KitCli", "supervise"),
                Map.of("KIT_ROOT", settings.root().toString(), "KIT_HOME", settings.home().toString()),
                (p, log) -> null, Duration.ofSeconds(5));
        Processes.Running started = processes.start(part);
        out.printf("Supervisor: started (pid %d); it restarts a part that dies, ./kit stop PART stops one for good%n", started.pid());
    }

    /** One look at every part; restarts at most the crashed ones whose back-off has passed. */
    void checkOnce() {
        try (StartLock lock = StartLock.tryAcquire(settings).orElse(null)) {
            if (lock == null) {
                return; // kit up or kit restart is starting parts right now
            }
            for (Part part : topology.parts()) {
                if (part.isBuilt()) {
                    processes.crash(part.name()).ifPresent(how -> restart(part, how));
                }
            }
        }
    }

    private void restart(Part part, String how) {
        Instant now = Instant.now();
        Instant waitUntil = notBefore.get(part.name());
        if (waitUntil == null) {
            Instant previous = lastRestart.get(part.name());
            int n = previous != null && Duration.between(previous, now).compareTo(STABLE) < 0 ? failures.getOrDefault(part.name(), 0) + 1 : 1;
            failures.put(part.name(), n);
            Duration backOff = Duration.ofSeconds(1L << Math.min(n - 1, 6));
            waitUntil = now.plus(backOff.compareTo(MAX_BACK_OFF) > 0 ? MAX_BACK_OFF : backOff);
            notBefore.put(part.name(), waitUntil);
            log.printf("%s %s died (%s); restarting in %d s%n", now, part.name(), how, Duration.between(now, waitUntil).toSeconds());
        }
        if (now.isBefore(waitUntil)) {
            return;
        }
        notBefore.remove(part.name());
        lastRestart.put(part.name(), now);
        int count = countRestart(part.name());
        processes.forget(part.name());
        Startup startup = new Startup(settings, topology, processes, log);
        try {
            startup.awaitHealthy(part, startup.start(part), Instant.now() + " " + part.name() + " restart #" + count, System.nanoTime());
        } catch (KitException e) {
            log.printf("%s %s did not come back: %s%n", Instant.now(), part.name(), e.getMessage());
        }
    }

    private int countRestart(String name) {
        Properties counts = restarts(settings);
        int count = Integer.parseInt(counts.getProperty(name, "0")) + 1;
        counts.setProperty(name, String.valueOf(count));
        try (Writer writer = Files.newBufferedWriter(restartsFile(settings))) {
            counts.store(writer, "kit supervisor: restarts per part");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return count;
    }

    /** Restarts per part made by the supervisor since the kit's data was created. */
    static Properties restarts(KitSettings settings) {
        Properties counts = new Properties();
        Path file = restartsFile(settings);
        if (Files.exists(file)) {
            try (Reader reader = Files.newBufferedReader(file)) {
                counts.load(reader);
            } catch (IOException e) {
                // unreadable: counted from zero again
            }
        }
        return counts;
    }

    private static Path restartsFile(KitSettings settings) {
        return settings.run().resolve("restarts.properties");
    }

    /** The loop of the supervisor process: a look every second, until it is stopped. */
    void run() {
        log.printf("%s supervising %s%n", Instant.now(), String.join(", ", topology.names()));
        while (!Thread.currentThread().isInterrupted()) {
            try {
                checkOnce();
            } catch (RuntimeException e) {
                log.printf("%s check failed: %s%n", Instant.now(), e);
            }
            Startup.sleep(1000);
        }
    }
}
