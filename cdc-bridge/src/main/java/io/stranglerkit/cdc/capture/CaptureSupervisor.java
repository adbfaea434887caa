package io.stranglerkit.cdc.capture;

import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.ChangeEvent;
import io.debezium.embedded.Connect;
import io.stranglerkit.cdc.config.BridgeProperties;
import io.stranglerkit.cdc.publish.CaptureTracing;
import io.stranglerkit.cdc.publish.ChangePublisher;
import io.stranglerkit.cdc.publish.TopicProvisioner;
import io.stranglerkit.cdc.status.CaptureMetrics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs the Debezium engine and keeps it running: when it stops on an error (database or Kafka gone,
 * a batch Kafka refused) a new engine starts after a back-off (1 s doubling to 30 s) and resumes
 * from the last stored offset. A closed Debezium engine cannot be restarted, so each run builds a new
 * one, with a new producer.
 */
@Component
public class CaptureSupervisor implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CaptureSupervisor.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(30);

    public enum Phase { STOPPED, STARTING, RUNNING, RESTARTING }

    private final BridgeProperties properties;
    private final SourceDatabase source;
    private final TopicProvisioner topics;
    private final CaptureMetrics metrics;
    private final CaptureTracing tracing;
    private final ExecutorService engineThread = Executors.newSingleThreadExecutor(r -> new Thread(r, "cdc-engine"));
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "cdc-supervisor"));

    private volatile Phase phase = Phase.STOPPED;
    private volatile boolean stopping;
    private volatile DebeziumEngine<ChangeEvent<SourceRecord, SourceRecord>> engine;
    private volatile Producer<byte[], byte[]> producer;
    private volatile SourceFlavor flavor;
    private volatile String serverVersion;
    private volatile Instant runStartedAt;
    private volatile String lastError;
    private volatile Instant lastErrorAt;
    private int failuresInARow;

    public CaptureSupervisor(BridgeProperties properties, SourceDatabase source, TopicProvisioner topics, CaptureMetrics metrics,
                             CaptureTracing tracing) {
        this.tracing = tracing;
        this.properties = properties;
        this.source = source;
        this.topics = topics;
        this.metrics = metrics;
    }

    @Override
    public void start() {
        try {
            Files.createDirectories(properties.dataDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data dir " + properties.dataDir(), e);
        }
        stopping = false;
        phase = Phase.STARTING;
        scheduler.execute(this::launch);
    }

    private synchronized void launch() {
        if (stopping) {
            return;
        }
        try {
            serverVersion = source.serverVersion();
            flavor = SourceFlavor.choose(properties.sourceFlavor(), () -> serverVersion);
            producer = newProducer();
            engine = DebeziumEngine.create(Connect.class)
                    .using(ConnectorSettings.of(properties, flavor))
                    .using(this::engineStopped)
                    .notifying(new ChangePublisher(producer, topics, metrics, DELIVERY_TIMEOUT.plusSeconds(10), changeTopics(), tracing))
                    .build();
            runStartedAt = Instant.now();
            phase = Phase.RUNNING;
            log.info("capturing {} from {} ({} {}) to Kafka {} as topics {}.*", properties.tables(), source.address(),
                    flavor.name().toLowerCase(), serverVersion, properties.kafkaBootstrapServers(), properties.topicPrefix());
            engineThread.execute(engine);
        } catch (RuntimeException e) {
            closeProducer();
            scheduleRestart(e.getMessage());
        }
    }

    /** Debezium's completion callback: called once when an engine run ends, for any reason. */
    private void engineStopped(boolean success, String message, Throwable error) {
        closeProducer();
        if (stopping) {
            return;
        }
        String reason = error != null && error.getMessage() != null ? error.getMessage() : message;
        log.warn("capture engine stopped{}: {}", success ? "" : " on an error", reason);
        scheduleRestart(reason);
    }

    private synchronized void scheduleRestart(String reason) {
        if (stopping) {
            return;
        }
        lastError = reason;
        lastErrorAt = Instant.now();
        // A run that lasted a while was healthy: start the back-off over.
        if (runStartedAt != null && Duration.between(runStartedAt, Instant.now()).compareTo(Duration.ofMinutes(1)) > 0) {
            failuresInARow = 0;
        }
        long delayMs = Math.min(MAX_BACKOFF.toMillis(), 1000L << Math.min(failuresInARow, 5));
        failuresInARow++;
        phase = Phase.RESTARTING;
        log.warn("capture restarts in {} ms (failure {} in a row): {}", delayMs, failuresInARow, reason);
        scheduler.schedule(() -> {
            metrics.engineRestarted();
            launch();
        }, delayMs, TimeUnit.MILLISECONDS);
    }

    private Set<String> changeTopics() {
        return properties.tables().stream().map(table -> properties.topicPrefix() + "." + table).collect(Collectors.toSet());
    }

    private Producer<byte[], byte[]> newProducer() {
        return new KafkaProducer<>(Map.ofEntries(
                Map.entry(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, properties.kafkaBootstrapServers()),
                Map.entry(ProducerConfig.CLIENT_ID_CONFIG, "cdc-bridge"),
                // Idempotent and acks=all: a retried send is written once, in order, on every replica.
                Map.entry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                Map.entry(ProducerConfig.ACKS_CONFIG, "all"),
                Map.entry(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5),
                Map.entry(ProducerConfig.LINGER_MS_CONFIG, 1),
                Map.entry(ProducerConfig.BATCH_SIZE_CONFIG, 131072),
                Map.entry(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"),
                Map.entry(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) DELIVERY_TIMEOUT.toMillis()),
                Map.entry(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 15000),
                Map.entry(ProducerConfig.MAX_BLOCK_MS_CONFIG, 30000),
                Map.entry(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class),
                Map.entry(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class)));
    }

    private void closeProducer() {
        Producer<byte[], byte[]> p = producer;
        producer = null;
        if (p != null) {
            p.close(Duration.ofSeconds(5));
        }
    }

    @Override
    public void stop() {
        stopping = true;
        scheduler.shutdownNow();
        DebeziumEngine<?> e = engine;
        if (e != null) {
            try {
                e.close(); // stores the offsets of everything marked processed
            } catch (IOException ex) {
                log.warn("closing the capture engine: {}", ex.getMessage());
            }
        }
        engineThread.shutdown();
        try {
            if (!engineThread.awaitTermination(30, TimeUnit.SECONDS)) {
                log.warn("the capture engine did not stop within 30 s");
            }
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        closeProducer();
        phase = Phase.STOPPED;
    }

    @Override
    public boolean isRunning() {
        return phase != Phase.STOPPED;
    }

    public Phase phase() {
        return phase;
    }

    public SourceFlavor flavor() {
        return flavor;
    }

    public String serverVersion() {
        return serverVersion;
    }

    public Instant runStartedAt() {
        return runStartedAt;
    }

    public String lastError() {
        return lastError;
    }

    public Instant lastErrorAt() {
        return lastErrorAt;
    }
}
