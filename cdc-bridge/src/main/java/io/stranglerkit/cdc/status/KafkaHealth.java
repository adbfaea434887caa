package io.stranglerkit.cdc.status;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** {@code kafka} in /actuator/health: can the bridge reach a broker right now. */
@Component("kafka")
public class KafkaHealth implements HealthIndicator {

    private final KafkaReachability kafka;

    public KafkaHealth(KafkaReachability kafka) {
        this.kafka = kafka;
    }

    @Override
    public Health health() {
        KafkaReachability.Result result = kafka.check();
        return (result.reachable() ? Health.up() : Health.down()).withDetail("brokers", result.detail()).build();
    }
}
