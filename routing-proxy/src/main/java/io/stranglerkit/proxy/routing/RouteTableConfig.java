package io.stranglerkit.proxy.routing;

import io.stranglerkit.proxy.ProxyProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Replicas share the route table through Kafka when bootstrap servers are set; one proxy alone keeps it on disk. */
@Configuration(proxyBeanMethods = false)
class RouteTableConfig {

    @Bean
    RouteTableWriter routeTableWriter(AppliedRouteTable applied, ProxyProperties properties) {
        ProxyProperties.RouteTableSharing sharing = properties.routeTable();
        if (sharing == null || sharing.kafkaBootstrapServers() == null || sharing.kafkaBootstrapServers().isBlank()) {
            return new LocalRouteTable(applied);
        }
        return new KafkaRouteTable(applied, sharing.kafkaBootstrapServers(), sharing.topic());
    }
}
