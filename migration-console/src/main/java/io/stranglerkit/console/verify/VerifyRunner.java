package io.stranglerkit.console.verify;

import io.stranglerkit.console.config.ConsoleProperties;
import io.stranglerkit.console.events.EventLog;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code kit verify search|catalog} for the page's button and keeps each target's last result.
 * The comparison reads both databases with the kit's account: the kit does it, the console (which
 * owns no data and holds no database account) only starts it and shows what it printed.
 */
@Component
public class VerifyRunner {

    /** @param state running, clean (exit 0), drift (exit 1) or failed */
    public record Result(String target, String state, String startedAt, String finishedAt, Integer exitCode, String output) {
    }

    public static final Set<String> TARGETS = Set.of("search", "catalog");
    private static final Duration LIMIT = Duration.ofMinutes(3);
    private static final int OUTPUT_KEPT = 4000;

    private final List<String> command;
    private final EventLog events;
    private final Map<String, Result> results = new LinkedHashMap<>();

    public VerifyRunner(ConsoleProperties properties, EventLog events) {
        this.command = properties.verifyCommand();
        this.events = events;
    }

    public boolean available() {
        return !command.isEmpty();
    }

    /** Starts a run; false when one of this target is still running. */
    public synchronized boolean start(String target) {
        Result last = results.get(target);
        if (last != null && last.state().equals("running")) {
            return false;
        }
        String startedAt = Instant.now().toString();
        results.put(target, new Result(target, "running", startedAt, null, null, ""));
        Thread thread = new Thread(() -> finish(run(target, startedAt)), "verify-" + target);
        thread.setDaemon(true);
        thread.start();
        return true;
    }

    public synchronized List<Result> results() {
        return new ArrayList<>(results.values());
    }

    private synchronized void finish(Result result) {
        results.put(result.target(), result);
        events.add(new EventLog.Event(result.finishedAt(), "verify", "verify " + result.target() + ": " + result.state()
                + (result.exitCode() == null ? "" : " (exit " + result.exitCode() + ")")));
    }

    private Result run(String target, String startedAt) {
        List<String> line = new ArrayList<>(command);
        line.addAll(List.of(target, "--wait", "30s"));
        Path printed = null;
        try {
            printed = Files.createTempFile("verify-" + target, ".txt");
            Process process = new ProcessBuilder(line).redirectErrorStream(true).redirectOutput(printed.toFile()).start();
            process.getOutputStream().close();
            if (!process.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return done(target, startedAt, "failed", null, "verify took longer than " + LIMIT.toMinutes() + " minutes");
            }
            int exit = process.exitValue();
            return done(target, startedAt, exit == 0 ? "clean" : exit == 1 ? "drift" : "failed", exit,
                    Files.readString(printed, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return done(target, startedAt, "failed", null, "could not start " + line.get(0) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return done(target, startedAt, "failed", null, "interrupted");
        } finally {
            if (printed != null) {
                printed.toFile().delete();
            }
        }
    }

    private static Result done(String target, String startedAt, String state, Integer exit, String output) {
        String tail = output.length() > OUTPUT_KEPT ? "..." + output.substring(output.length() - OUTPUT_KEPT) : output;
        return new Result(target, state, startedAt, Instant.now().toString(), exit, tail);
    }
}
