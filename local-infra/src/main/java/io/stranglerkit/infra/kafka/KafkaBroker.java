package io.stranglerkit.infra.kafka;

import io.stranglerkit.infra.mariadb.LocalMariaDb;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A {@link LocalKafka} broker process for tests: started on free ports, waited for until it answers,
 * and stoppable (cleanly or with {@code kill -9}) and restartable on the same data, so tests can
 * take the broker away mid-stream.
 */
public final class KafkaBroker implements AutoCloseable {

    private static KafkaBroker shared;

    private final LocalKafka kafka;
    private final Path dir;
    private Process process;

    private KafkaBroker(Path dir) {
        this.dir = dir.toAbsolutePath();
        this.kafka = new LocalKafka(this.dir, LocalMariaDb.freePort(), LocalMariaDb.freePort());
    }

    /** A broker of its own under {@code dir}, running and answering. */
    public static KafkaBroker start(Path dir) {
        KafkaBroker broker = new KafkaBroker(dir);
        broker.kafka.prepare();
        broker.launch();
        return broker;
    }

    /** One broker per test JVM, stopped when the JVM exits. Tests use their own topics. */
    public static synchronized KafkaBroker shared() {
        if (shared == null) {
            shared = start(Path.of("target", "it-kafka-" + ProcessHandle.current().pid()));
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "shared-kafka-stop"));
        }
        return shared;
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** SIGTERM and wait: the broker shuts down cleanly. */
    public synchronized void stop() {
        if (process != null) {
            process.destroy();
            waitFor(process);
            process = null;
        }
    }

    /** SIGKILL: the broker dies without flushing or leaving the cluster cleanly. */
    public synchronized void kill() {
        if (process != null) {
            process.destroyForcibly();
            waitFor(process);
            process = null;
        }
    }

    /** Starts the broker again on the same ports and data. */
    public synchronized void restart() {
        stop();
        launch();
    }

    @Override
    public synchronized void close() {
        stop();
    }

    private void launch() {
        try {
            process = new ProcessBuilder(kafka.serverCommand("512m"))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(new File(dir.toFile(), "broker.log")))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start Kafka under " + dir, e);
        }
        awaitAnswering(Duration.ofSeconds(90));
    }

    private void awaitAnswering(Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000))) {
            while (true) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("Kafka exited at start; see " + dir.resolve("broker.log"));
                }
                try {
                    if (!admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (Exception notYet) {
                    // still starting
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Kafka did not answer within " + within.toSeconds() + " s; see " + dir.resolve("broker.log"));
                }
                Thread.sleep(200);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Kafka", e);
        }
    }

    private static void waitFor(Process p) {
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
