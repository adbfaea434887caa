package io.stranglerkit.proxy.routing;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.DisposableBean;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Which proxy replicas run, and where their admin APIs are: each replica says so every few seconds
 * on the route table's topic (key {@code replica/<name>}, value its admin URL), and every replica
 * reads it there with the tables. A replica not heard from for {@link #SILENT_AFTER} is gone.
 */
public class ReplicaDirectory implements DisposableBean {

    static final String KEY_PREFIX = "replica/";
    static final Duration EVERY = Duration.ofSeconds(3);
    static final Duration SILENT_AFTER = Duration.ofSeconds(10);

    public record Replica(String name, String adminUrl) {
    }

    private record Heard(String adminUrl, Instant at) {
    }

    private final Replica self;
    private final Map<String, Heard> heard = new ConcurrentHashMap<>();
    private final ScheduledExecutorService announcer;
    private final KafkaProducer<String, String> producer;

    /** @param bootstrapServers null: this replica runs alone and knows only itself */
    public ReplicaDirectory(Replica self, String bootstrapServers, String topic) {
        this.self = self;
        if (bootstrapServers == null) {
            this.announcer = null;
            this.producer = null;
            return;
        }
        // Not the table's transactional producer: a presence is no table change and needs no fencing.
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 2_000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 5_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 4_000,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
        this.announcer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "replica-announcer");
            t.setDaemon(true);
            return t;
        });
        announcer.scheduleWithFixedDelay(() -> announce(topic), 0, EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void announce(String topic) {
        try {
            producer.send(new ProducerRecord<>(topic, 0, KEY_PREFIX + self.name(), self.adminUrl()));
        } catch (RuntimeException kafkaDown) {
            // Said again in a few seconds; meanwhile the others keep the last they heard, until it is too old.
        }
    }

    /** A presence read from the topic; an empty value (a tombstone) says the replica stopped. */
    void heard(String key, String adminUrl, Instant at) {
        String name = key.substring(KEY_PREFIX.length());
        if (adminUrl == null || adminUrl.isEmpty()) {
            heard.remove(name);
        } else {
            heard.merge(name, new Heard(adminUrl, at), (old, next) -> next.at().isAfter(old.at()) ? next : old);
        }
    }

    public Replica self() {
        return self;
    }

    /** This replica and every other heard from lately, by name. */
    public List<Replica> alive() {
        Instant since = Instant.now().minus(SILENT_AFTER);
        Map<String, Replica> alive = new java.util.TreeMap<>();
        heard.forEach((name, h) -> {
            if (h.at().isAfter(since)) {
                alive.put(name, new Replica(name, h.adminUrl()));
            }
        });
        alive.put(self.name(), self);
        return List.copyOf(alive.values());
    }

    @Override
    public void destroy() {
        if (announcer != null) {
            announcer.shutdownNow();
            producer.close(Duration.ofSeconds(2));
        }
    }
}
