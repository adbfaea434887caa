package io.stranglerkit.cdc.publish;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Creates a change topic the first time the bridge publishes to it, with the configured partition
 * count, instead of relying on the broker's auto-creation defaults. Change topics are compacted: Kafka
 * keeps at least the last change of every row for good, so a consumer that replays a topic from the
 * beginning (a read model rebuild) gets every row, however old.
 */
public class TopicProvisioner {

    private final Admin admin;
    private final int partitions;
    private final short replicationFactor;
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    public TopicProvisioner(Admin admin, int partitions, short replicationFactor) {
        this.admin = admin;
        this.partitions = partitions;
        this.replicationFactor = replicationFactor;
    }

    public void ensure(String topic) throws InterruptedException {
        if (known.contains(topic)) {
            return;
        }
        try {
            admin.createTopics(List.of(new NewTopic(topic, partitions, replicationFactor)
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)))).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create topic " + topic + ": " + e.getCause().getMessage(), e.getCause());
            }
            compact(topic); // created by an older bridge, or by the broker's auto-creation
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer within 30 s while creating topic " + topic, e);
        }
        awaitLeaders(topic);
        known.add(topic);
    }

    private void compact(String topic) throws InterruptedException {
        AlterConfigOp compact = new AlterConfigOp(
                new ConfigEntry(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT), AlterConfigOp.OpType.SET);
        try {
            admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.TOPIC, topic), List.of(compact)))
                    .all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot make topic " + topic + " compacted: " + e.getMessage(), e);
        }
    }

    /**
     * A produce request that reaches a partition before its leader is known fails with
     * NOT_LEADER_OR_FOLLOWER, and the idempotent producer's next batches then keep failing with
     * OUT_OF_ORDER_SEQUENCE_NUMBER until they expire (seen here on a topic created a moment before).
     * So a new topic is used only once every partition has a leader.
     */
    private void awaitLeaders(String topic) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            try {
                TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames().get(5, TimeUnit.SECONDS).get(topic);
                if (description != null && description.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty())) {
                    return;
                }
            } catch (ExecutionException | TimeoutException notYet) {
                // metadata not propagated yet
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("topic " + topic + " has no leader for every partition after 30 s");
    }
}
