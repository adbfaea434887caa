package io.stranglerkit.proxy.routing;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * The route table shared by every proxy replica through one compacted Kafka topic (one partition,
 * key {@code route-table}; the same topic carries the replicas' presence: {@link ReplicaDirectory}).
 * Each replica follows the topic from its start and applies every committed table, so a
 * change made on one replica is served by all within the follower's poll interval.
 * <p>
 * Compare-and-set on a log: every replica writes with the same transactional id. Opening a producer
 * with that id fences the one opened before it (Kafka's own guarantee), so a commit succeeds only
 * if no other replica opened a producer since this one did, and this replica read the latest table
 * after opening its producer. Of two writers with the same version, one commits; the other is
 * fenced, reads again, and gets a stale version. Only committed tables reach the topic, so its
 * last record (all that compaction keeps) is always the latest table.
 * <p>
 * Plain Kafka clients, not spring-kafka's template: the transactional id must be one fixed name
 * shared by the replicas, while spring-kafka gives each producer it creates a new suffix.
 */
public class KafkaRouteTable implements RouteTableWriter, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(KafkaRouteTable.class);
    private static final String KEY = "route-table";
    private static final Duration WAIT = Duration.ofSeconds(5);

    private final AppliedRouteTable applied;
    private final ReplicaDirectory replicas;
    private final String bootstrapServers;
    private final String topic;
    private final TopicPartition partition;
    private final Thread follower;
    private final Object progress = new Object();
    private volatile long position = -1;
    private volatile boolean running = true;
    private KafkaProducer<String, String> producer;
    private KafkaConsumer<String, String> endReader;

    public KafkaRouteTable(AppliedRouteTable applied, ReplicaDirectory replicas, String bootstrapServers, String topic) {
        this.applied = applied;
        this.replicas = replicas;
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.partition = new TopicPartition(topic, 0);
        this.follower = new Thread(this::follow, "route-table-follower");
        this.follower.setDaemon(true);
        this.follower.start();
    }

    @Override
    public synchronized RouteTable commit(Long expectedVersion, UnaryOperator<RouteTable> change) {
        for (int attempt = 1; ; attempt++) {
            try {
                return commitOnce(expectedVersion, change);
            } catch (ProducerFencedException | InvalidProducerEpochException fenced) {
                // Another replica opened a producer after this one: read again with a new producer.
                closeProducer();
                if (attempt >= 5) {
                    throw new UnavailableException("the route table is being changed by another replica; try again", fenced);
                }
            } catch (KafkaException | UnavailableException e) {
                closeProducer();
                throw new UnavailableException("the route table cannot be published to Kafka at " + bootstrapServers
                        + " (" + e.getMessage() + "); this replica keeps serving version " + applied.version(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                closeProducer();
                throw new UnavailableException("interrupted while publishing the route table", e);
            }
        }
    }

    private RouteTable commitOnce(Long expectedVersion, UnaryOperator<RouteTable> change) throws InterruptedException {
        KafkaProducer<String, String> writer = producer();
        RouteTable latest = catchUp();
        if (expectedVersion != null && expectedVersion != latest.version()) {
            throw new StaleVersionException(expectedVersion, latest.version());
        }
        RouteTable next = change.apply(latest);
        writer.beginTransaction();
        long offset;
        try {
            offset = writer.send(new ProducerRecord<>(topic, 0, KEY, RouteStore.write(next))).get(WAIT.toMillis(), TimeUnit.MILLISECONDS)
                    .offset();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof KafkaException kafka ? kafka : new KafkaException(e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new org.apache.kafka.common.errors.TimeoutException("no acknowledgement within " + WAIT.toSeconds() + " s", e);
        }
        writer.commitTransaction();
        awaitPosition(offset + 1);
        return next;
    }

    /** The latest committed table: waits until the follower has read up to the topic's last committed offset. */
    private RouteTable catchUp() throws InterruptedException {
        if (endReader == null) {
            endReader = new KafkaConsumer<>(consumerConfig());
        }
        Long end = endReader.endOffsets(List.of(partition), WAIT).get(partition);
        awaitPosition(end == null ? 0 : end);
        return applied.current();
    }

    private void awaitPosition(long offset) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        synchronized (progress) {
            while (position < offset) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new UnavailableException("this replica has not read the route table topic up to offset " + offset
                            + " within " + WAIT.toSeconds() + " s (it is at " + position + ")", null);
                }
                progress.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
        }
    }

    private KafkaProducer<String, String> producer() {
        if (producer == null) {
            KafkaProducer<String, String> created = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    ProducerConfig.TRANSACTIONAL_ID_CONFIG, "routing-proxy." + topic,
                    ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) WAIT.toMillis(),
                    ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) WAIT.toMillis(),
                    ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) WAIT.toMillis() - 1000,
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
            try {
                created.initTransactions();
            } catch (RuntimeException e) {
                created.close(Duration.ZERO);
                throw e;
            }
            producer = created;
        }
        return producer;
    }

    /** Forgets the producer and reader even when closing them fails (an interrupted thread): the next commit makes new ones. */
    private void closeProducer() {
        KafkaProducer<String, String> closing = producer;
        KafkaConsumer<String, String> reader = endReader;
        producer = null;
        endReader = null;
        try {
            if (closing != null) {
                closing.close(Duration.ZERO);
            }
        } catch (KafkaException e) {
            log.warn("closing the route table's producer failed; a new one is made at the next change: {}", e.toString());
        }
        try {
            if (reader != null) {
                reader.close(Duration.ZERO);
            }
        } catch (KafkaException e) {
            log.warn("closing the route table's end reader failed: {}", e.toString());
        }
    }

    private Map<String, Object> consumerConfig() {
        return Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) WAIT.toMillis(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    }

    /** Reads the topic from its start for as long as the replica runs, applying every committed table. */
    private void follow() {
        while (running) {
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig())) {
                createTopic();
                consumer.assign(List.of(partition));
                consumer.seekToBeginning(List.of(partition));
                log.info("following the route table on {} at {}", topic, bootstrapServers);
                while (running) {
                    // Each table record is a whole table: of a batch (a replay at start), only the last one counts.
                    ConsumerRecord<String, String> last = null;
                    for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                        if (KEY.equals(record.key())) {
                            last = record;
                        } else if (record.key() != null && record.key().startsWith(ReplicaDirectory.KEY_PREFIX)) {
                            replicas.heard(record.key(), record.value(), Instant.ofEpochMilli(record.timestamp()));
                        }
                    }
                    if (last != null) {
                        applied.apply(RouteStore.read(last.value()));
                    }
                    long next = consumer.position(partition);
                    synchronized (progress) {
                        position = next;
                        progress.notifyAll();
                    }
                }
            } catch (RuntimeException e) {
                if (running) {
                    log.warn("route table topic {} unreadable ({}); serving version {}; retrying in 2 s", topic, e.getMessage(),
                            applied.version());
                    sleep(2_000);
                }
            }
        }
    }

    private void createTopic() {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers,
                "default.api.timeout.ms", (int) WAIT.toMillis(), "request.timeout.ms", (int) WAIT.toMillis() - 1000))) {
            admin.createTopics(List.of(new NewTopic(topic, Optional.of(1), Optional.empty()).configs(Map.of("cleanup.policy", "compact"))))
                    .all().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new KafkaException("cannot create topic " + topic + ": " + e.getCause().getMessage(), e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.TimeoutException e) {
            throw new KafkaException("Kafka at " + bootstrapServers + " did not answer within " + WAIT.toSeconds() + " s", e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public synchronized void destroy() throws InterruptedException {
        running = false;
        follower.interrupt();
        follower.join(5_000);
        closeProducer();
    }
}
