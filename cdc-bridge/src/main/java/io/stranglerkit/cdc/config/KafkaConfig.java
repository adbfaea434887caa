package io.stranglerkit.cdc.config;

import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import io.stranglerkit.cdc.publish.CaptureTracing;
import io.stranglerkit.cdc.publish.TopicProvisioner;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.Map;

@Configuration(proxyBeanMethods = false)
class KafkaConfig {

    @Bean(destroyMethod = "close")
    Admin kafkaAdmin(BridgeProperties properties) {
        return Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, properties.kafkaBootstrapServers(),
                AdminClientConfig.CLIENT_ID_CONFIG, "cdc-bridge-admin",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30000));
    }

    @Bean
    TopicProvisioner topicProvisioner(Admin admin, BridgeProperties properties) {
        return new TopicProvisioner(admin, properties.topicPartitions(), properties.topicReplicationFactor());
    }

    /** Without tracing (TRACING_ENABLED=false) the no-op tracer makes no spans and no headers. */
    @Bean
    CaptureTracing captureTracing(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator, BridgeProperties properties) {
        return new CaptureTracing(tracer.getIfAvailable(() -> Tracer.NOOP), propagator.getIfAvailable(() -> Propagator.NOOP),
                properties.publishQuery());
    }
}
