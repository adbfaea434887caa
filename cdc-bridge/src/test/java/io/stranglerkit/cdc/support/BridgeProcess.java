package io.stranglerkit.cdc.support;

import io.stranglerkit.infra.JavaProcess;
import io.stranglerkit.infra.mariadb.LocalMariaDb;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/** The packaged bridge ({@code target/cdc-bridge.jar}) run as its own process, as the kit runs it. */
public final class BridgeProcess implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    private final Map<String, String> env;
    private final Path log;
    private final int port;
    private Process process;

    public BridgeProcess(Path dataDir, int databasePort, String bootstrapServers, String tables, String topicPrefix) {
        this.port = LocalMariaDb.freePort();
        // Under target/, not the data dir: the log outlives a test's temporary directory.
        this.log = Path.of("target", "bridge-logs", topicPrefix + ".log").toAbsolutePath();
        try {
            java.nio.file.Files.createDirectories(log.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.env = new java.util.HashMap<>(Map.of(
                "SERVER_PORT", String.valueOf(port),
                "CDC_DATABASE_PORT", String.valueOf(databasePort),
                "KAFKA_BOOTSTRAP_SERVERS", bootstrapServers,
                "CDC_DATA_DIR", dataDir.toString(),
                "CDC_TABLES", tables,
                "CDC_TOPIC_PREFIX", topicPrefix,
                "CDC_SERVER_ID", String.valueOf(7000 + (int) (Math.random() * 1000)),
                "KIT_ADMIN_TOKEN", "it-token"));
    }

    /** One more environment key for the next {@link #start()}. */
    public BridgeProcess with(String key, String value) {
        env.put(key, value);
        return this;
    }

    public BridgeProcess start() {
        Path jar = Path.of("target", "cdc-bridge.jar").toAbsolutePath();
        ProcessBuilder builder = new ProcessBuilder(JavaProcess.java(), "-Xmx384m", "-XX:+UseSerialGC", "-jar", jar.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Waits until the bridge reports {@code streaming}. */
    public BridgeProcess awaitStreaming(Duration within) {
        await().atMost(within).pollInterval(Duration.ofMillis(250)).ignoreExceptions().until(() -> {
            if (!process.isAlive()) {
                throw new AssertionError("the bridge exited; see " + log);
            }
            return "streaming".equals(status().path("state").asString());
        });
        return this;
    }

    public JsonNode status() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/status"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }

    public long published() {
        try {
            return status().path("events").path("published").asLong();
        } catch (Exception e) {
            return -1;
        }
    }

    /** {@code kill -9}: no shutdown hook, no offset flush. */
    public void kill() {
        process.destroyForcibly();
        waitFor();
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            waitFor();
        }
    }

    public Path log() {
        return log;
    }

    private void waitFor() {
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
