package io.stranglerkit.kit.launcher;

import java.io.File;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * Starts the kit's processes detached from the terminal and remembers them in {@code .kit/run/}
 * (pid plus the process start time, so a recycled pid is never mistaken for a part).
 */
public final class Processes {

    public record Running(String name, long pid, Instant started, int port) {

        public Optional<ProcessHandle> handle() {
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(this::sameProcess);
        }

        private boolean sameProcess(ProcessHandle handle) {
            return handle.info().startInstant()
                    .map(start -> Math.abs(Duration.between(start, started).toMillis()) < 2_000)
                    .orElse(true);
        }

        public boolean alive() {
            return handle().isPresent();
        }

        public Duration uptime() {
            return Duration.between(started, Instant.now());
        }
    }

    private final KitSettings settings;

    public Processes(KitSettings settings) {
        this.settings = settings;
    }

    public Running start(Part part) {
        try {
            Files.createDirectories(settings.logs());
            Files.createDirectories(settings.run());
            List<String> command = new ArrayList<>();
            // A session of its own: Ctrl-C in the terminal that ran `kit up` does not reach the parts.
            if (new File("/usr/bin/setsid").canExecute()) {
                command.add("/usr/bin/setsid");
            }
            command.addAll(part.command());
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(settings.home().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(settings.log(part.name()).toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            builder.environment().putAll(part.environment());
            Files.writeString(settings.log(part.name()), "---- kit: starting " + part.name() + " at " + Instant.now()
                    + "\n---- " + String.join(" ", part.command()) + "\n", java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
            Process process = builder.start();
            Instant started = process.info().startInstant().orElse(Instant.now());
            Running running = new Running(part.name(), process.pid(), started, part.port());
            write(running);
            return running;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + part.name(), e);
        }
    }

    public Optional<Running> find(String name) {
        Path file = pidFile(name);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            p.load(reader);
            return Optional.of(new Running(name, Long.parseLong(p.getProperty("pid")),
                    Instant.ofEpochMilli(Long.parseLong(p.getProperty("started"))), Integer.parseInt(p.getProperty("port"))));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Removes the pid file of every part not running: its process is gone, or the file is unreadable. */
    public void forgetDead(List<String> names) {
        for (String name : names) {
            if (!find(name).map(Running::alive).orElse(false)) {
                forget(name);
            }
        }
    }

    /**
     * Asks the process (and whatever it started, e.g. mariadbd) to stop, waits, and forces it
     * only when it does not stop in time.
     */
    public Duration stop(Running running, Duration grace) {
        long startedAt = System.nanoTime();
        running.handle().ifPresent(handle -> {
            List<ProcessHandle> descendants = handle.descendants().toList();
            handle.destroy();
            if (!waitForExit(handle, grace)) {
                handle.destroyForcibly();
                waitForExit(handle, Duration.ofSeconds(10));
            }
            for (ProcessHandle child : descendants) {
                if (child.isAlive()) {
                    child.destroy();
                    if (!waitForExit(child, Duration.ofSeconds(10))) {
                        child.destroyForcibly();
                    }
                }
            }
        });
        forget(running.name());
        return Duration.ofNanos(System.nanoTime() - startedAt);
    }

    /** Resident memory of the process and its descendants, in KiB, from /proc. */
    public static long residentKib(ProcessHandle handle) {
        long total = rssOf(handle.pid());
        for (ProcessHandle child : handle.descendants().toList()) {
            total += rssOf(child.pid());
        }
        return total;
    }

    private static long rssOf(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // process gone or /proc unavailable
        }
        return 0;
    }

    private static boolean waitForExit(ProcessHandle handle, Duration timeout) {
        try {
            handle.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (Exception e) {
            return !handle.isAlive();
        }
    }

    private void write(Running running) throws IOException {
        Properties p = new Properties();
        p.putAll(Map.of("pid", String.valueOf(running.pid()), "started", String.valueOf(running.started().toEpochMilli()),
                "port", String.valueOf(running.port())));
        try (Writer writer = Files.newBufferedWriter(pidFile(running.name()))) {
            p.store(writer, "kit: " + running.name());
        }
    }

    private void forget(String name) {
        try {
            Files.deleteIfExists(pidFile(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path pidFile(String name) {
        return settings.run().resolve(name + ".pid");
    }
}
