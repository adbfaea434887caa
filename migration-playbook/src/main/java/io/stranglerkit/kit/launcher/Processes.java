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

    /**
     * Runs the part under a small shell that waits for it and writes its exit status to
     * {@code run/NAME.exit}: the kit is not the part's parent once {@code kit up} returns, and only a
     * parent learns how a process ended. A TERM or INT to the shell is passed on to the part.
     */
    private static final String EXIT_RECORDER = "exit_file=\"$1\"; shift; \"$@\" & child=$!; "
            + "trap 'kill -TERM $child 2>/dev/null' TERM INT HUP; "
            + "while :; do wait $child; rc=$?; kill -0 $child 2>/dev/null || break; done; "
            + "echo $rc > \"$exit_file\"";

    public Running start(Part part) {
        try {
            Files.createDirectories(settings.logs());
            Files.createDirectories(settings.run());
            Files.deleteIfExists(exitFile(part.name()));
            List<String> command = new ArrayList<>();
            // A session of its own: Ctrl-C in the terminal that ran `kit up` does not reach the parts.
            if (new File("/usr/bin/setsid").canExecute()) {
                command.add("/usr/bin/setsid");
            }
            command.addAll(List.of("/bin/sh", "-c", EXIT_RECORDER, "kit-" + part.name(), exitFile(part.name()).toString()));
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
            Process recorder = builder.start();
            ProcessHandle process = childOf(recorder);
            Instant started = process.info().startInstant().orElse(Instant.now());
            Running running = new Running(part.name(), process.pid(), started, part.port());
            write(running);
            return running;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + part.name(), e);
        }
    }

    /** The part itself, forked by the recorder shell within a moment (setsid execs into the shell). */
    private static ProcessHandle childOf(Process recorder) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            Optional<ProcessHandle> child = recorder.children().findFirst();
            if (child.isPresent()) {
                return child.get();
            }
            if (!recorder.isAlive()) {
                break;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        // The part exited at once (or never forked): track the shell, whose exit status is recorded too.
        return recorder.toHandle();
    }

    /**
     * How a part that is no longer running ended, while its pid file says it should run: its exit
     * status as recorded, e.g. "exit 1" or "killed by SIGKILL"; empty when the part runs or was stopped.
     */
    public Optional<String> crash(String name) {
        Optional<Running> running = find(name);
        if (running.isEmpty() || running.get().alive()) {
            return Optional.empty();
        }
        return Optional.of(describeExit(readExit(name)));
    }

    static String describeExit(Integer status) {
        if (status == null) {
            return "ended, exit status not recorded";
        }
        if (status > 128 && status < 128 + 65) {
            int signal = status - 128;
            return "killed by " + SIGNALS.getOrDefault(signal, "signal " + signal);
        }
        return "exit " + status;
    }

    private static final Map<Integer, String> SIGNALS = Map.of(1, "SIGHUP", 2, "SIGINT", 3, "SIGQUIT", 6, "SIGABRT",
            9, "SIGKILL", 11, "SIGSEGV", 15, "SIGTERM");

    private Integer readExit(String name) {
        try {
            Path file = exitFile(name);
            return Files.exists(file) ? Integer.valueOf(Files.readString(file).trim()) : null;
        } catch (IOException | NumberFormatException e) {
            return null;
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

    /**
     * Asks the process (and whatever it started, e.g. mariadbd) to stop, waits, and forces it
     * only when it does not stop in time.
     */
    public Duration stop(Running running, Duration grace) {
        long startedAt = System.nanoTime();
        // Forget first: a part without a pid file is stopped on purpose, so the supervisor leaves it alone.
        forget(running.name());
        running.handle().ifPresent(handle -> {
            List<ProcessHandle> descendants = handle.descendants().toList();
            Optional<ProcessHandle> recorder = handle.parent();
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
            // The recorder writes the exit status right after the part ends: wait, then drop it too.
            recorder.filter(p -> p.info().command().map(c -> c.endsWith("sh")).orElse(false))
                    .ifPresent(p -> waitForExit(p, Duration.ofSeconds(2)));
        });
        deleteQuietly(exitFile(running.name()));
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

    /** Drops what the kit remembers of a part that ended: pid file and recorded exit status. */
    public void forget(String name) {
        deleteQuietly(pidFile(name));
        deleteQuietly(exitFile(name));
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path exitFile(String name) {
        return settings.run().resolve(name + ".exit");
    }

    private Path pidFile(String name) {
        return settings.run().resolve(name + ".pid");
    }
}
