package io.stranglerkit.infra;

import io.stranglerkit.infra.mariadb.LocalMariaDb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A packaged Spring Boot jar of the kit run as its own process, on a free port, as {@code kit up} runs
 * it: what the integration tests of the services start their neighbours with.
 */
public final class AppProcess implements AutoCloseable {

    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    private final Path jar;
    private final Map<String, String> env = new HashMap<>();
    private final Path log;
    private final int port;
    private int healthPort;
    private Process process;

    /** @param module a sibling module of the calling test's module; its jar must be packaged */
    public AppProcess(String module, String logName, Map<String, String> env) {
        this(module, logName, env, LocalMariaDb.freePort());
    }

    /** On a given port: proxy replicas share theirs. */
    public AppProcess(String module, String logName, Map<String, String> env, int port) {
        this.port = port;
        this.healthPort = port;
        this.jar = Path.of("..", module, "target", module + ".jar").toAbsolutePath().normalize();
        // No Zipkin here unless the test brings one: no spans to port 9411, where a developer's kit may take them.
        this.env.put("TRACING_ENABLED", "false");
        this.env.putAll(env);
        this.env.put("SERVER_PORT", String.valueOf(port));
        // Under target/: the log outlives the test and is what to read when one fails.
        this.log = Path.of("target", "it-logs", logName + ".log").toAbsolutePath();
    }

    /**
     * For an application that serves its actuator on a management port of its own (the proxy): gives
     * it a free one through {@code variable} and checks health there.
     */
    public AppProcess withManagementPort(String variable) {
        healthPort = LocalMariaDb.freePort();
        env.put(variable, String.valueOf(healthPort));
        return this;
    }

    public AppProcess start() {
        process = launch(List.of());
        return this;
    }

    /** Runs the jar with arguments (e.g. the monolith's {@code seed}) and waits for it to exit 0. */
    public void runToCompletion(String... args) throws InterruptedException {
        Process once = launch(List.of(args));
        if (!once.waitFor(5, TimeUnit.MINUTES) || once.exitValue() != 0) {
            throw new AssertionError(jar.getFileName() + " " + String.join(" ", args) + " failed; see " + log);
        }
    }

    private Process launch(List<String> args) {
        List<String> command = new ArrayList<>(List.of(JavaProcess.java(), "-Xmx384m", "-XX:+UseSerialGC", "-jar", jar.toString()));
        command.addAll(args);
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(env);
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public AppProcess awaitHealthy(Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError(jar.getFileName() + " exited; see " + log);
            }
            try {
                if (HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + healthPort + "/actuator/health"))
                        .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return this;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError(jar.getFileName() + " not healthy within " + within.toSeconds() + " s; see " + log);
    }

    public HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url() + pathAndQuery)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public Path log() {
        return log;
    }

    /** {@code kill -9}: no shutdown hook runs, nothing is flushed or committed on the way out. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
