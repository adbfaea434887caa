package io.stranglerkit.kit.launcher;

import io.stranglerkit.kit.KitException;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Starts one part and waits until it is healthy, with one progress line: the same for {@code kit up},
 * {@code kit restart} and the supervisor.
 */
final class Startup {

    private final KitSettings settings;
    private final Topology topology;
    private final Processes processes;
    private final PrintWriter out;

    Startup(KitSettings settings, Topology topology, Processes processes, PrintWriter out) {
        this.settings = settings;
        this.topology = topology;
        this.processes = processes;
        this.out = out;
    }

    Processes.Running start(Part part) {
        if (part.name().equals(Topology.KAFKA)) {
            topology.kafka().prepare();
        }
        return processes.start(new ClassDataSharing(settings, out).apply(part));
    }

    /**
     * Waits until the part answers healthy; {@code label} starts each progress line. Throws with the
     * log's last lines when the process exits or stays unhealthy past the part's start timeout.
     */
    void awaitHealthy(Part part, Processes.Running process, String label, long beganNanos) {
        Path log = settings.log(part.name());
        long deadline = beganNanos + part.startTimeout().toNanos();
        boolean tty = System.console() != null;
        String missing = "starting";
        while (System.nanoTime() < deadline) {
            if (!process.alive()) {
                Startup.sleep(50); // the recorder writes the exit status just after the part ends
                throw failed(part, "exited during start-up (" + processes.crash(part.name()).orElse("ended") + ")", log);
            }
            missing = part.readiness().check(part, log);
            if (missing == null) {
                out.printf(Locale.ROOT, "%s%s up on %s in %4.1f s (pid %d)%n", tty ? "\r" : "", label, address(part),
                        (System.nanoTime() - beganNanos) / 1e9, process.pid());
                return;
            }
            if (tty) {
                out.printf(Locale.ROOT, "\r%s starting... %4.1f s (%s)   ", label, (System.nanoTime() - beganNanos) / 1e9, missing);
            }
            sleep(250);
        }
        throw failed(part, "was not healthy after " + part.startTimeout().toSeconds() + " s (" + missing + ")", log);
    }

    static String address(Part part) {
        return part.isApplication() ? part.url() : "127.0.0.1:" + part.port();
    }

    private KitException failed(Part part, String what, Path log) {
        out.println();
        out.println("---- last 20 lines of " + log + ":");
        for (String line : Logs.tail(log, 20)) {
            out.println("  " + line);
        }
        out.println("----");
        return new KitException(part.name() + " " + what,
                "read the log above (full log: ./kit logs " + part.name() + "), fix the cause, then ./kit up again");
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KitException("interrupted", null);
        }
    }
}
