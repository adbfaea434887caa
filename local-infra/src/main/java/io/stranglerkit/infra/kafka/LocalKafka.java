package io.stranglerkit.infra.kafka;

import io.stranglerkit.infra.JavaProcess;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real single-node Kafka broker in KRaft mode (broker and controller in one process), run from the
 * Apache Kafka jars on this classpath in a JVM of its own (see {@link JavaProcess}). {@link #prepare} writes the configuration
 * and formats the storage once; {@link #serverCommand} is the command line that runs the broker.
 * Data stays in {@code <directory>/data}, so a restart keeps topics and offsets.
 */
public final class LocalKafka {

    private final Path dir;
    private final int port;
    private final int controllerPort;

    public LocalKafka(Path dir, int port, int controllerPort) {
        this.dir = dir.toAbsolutePath();
        this.port = port;
        this.controllerPort = controllerPort;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public Path propertiesFile() {
        return dir.resolve("server.properties");
    }

    /** Writes server.properties (ports may change between runs) and formats the log dir on first use. */
    public void prepare() {
        try {
            Files.createDirectories(dir);
            Files.writeString(propertiesFile(), serverProperties());
            if (Files.exists(dir.resolve("data").resolve("meta.properties"))) {
                return;
            }
            Path log = dir.resolve("format.log");
            Process format = new ProcessBuilder(JavaProcess.command("256m", "kafka.tools.StorageTool",
                    "format", "--cluster-id=" + newClusterId(), "-c", propertiesFile().toString()))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
                format.destroyForcibly();
                throw new IllegalStateException("formatting Kafka storage failed; see " + log + ":\n" + Files.readString(log));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare Kafka under " + dir, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while formatting Kafka storage", e);
        }
    }

    public List<String> serverCommand(String maxHeap) {
        return JavaProcess.command(maxHeap, "kafka.Kafka", propertiesFile().toString());
    }

    private String serverProperties() {
        return String.join("\n",
                "# Written by the kit at every start; edit LocalKafka, not this file.",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + dir.resolve("data"),
                "num.partitions=3",
                "auto.create.topics.enable=true",
                // One node: every internal topic has one replica.
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "");
    }

    /**
     * Kafka cluster ids are 16 random bytes, URL-safe base64 without padding. One in 64 starts with
     * '-', which the storage tool would read as an option unless it is passed as {@code --cluster-id=...}.
     */
    private static String newClusterId() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
