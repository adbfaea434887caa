package io.stranglerkit.proxy.routing;

import io.stranglerkit.proxy.ProxyProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Replicas share the route table through Kafka when bootstrap servers are set; one proxy alone keeps it on disk. */
@Configuration(proxyBeanMethods = false)
class RouteTableConfig {

    @Bean
    ReplicaDirectory replicaDirectory(ProxyProperties properties) throws UnknownHostException {
        ProxyProperties.Admin admin = properties.admin();
        // A wildcard admin address (in a container, a pod) is reached at the host's own address: a pod's
        // name does not resolve from the other pods of a Deployment, its IP is reachable from all of them.
        String host = admin.address() == null || admin.address().equals("0.0.0.0") || admin.address().equals("::")
                ? InetAddress.getLocalHost().getHostAddress() : admin.address();
        String authority = host.contains(":") ? "[" + host + "]" : host;
        ReplicaDirectory.Replica self = new ReplicaDirectory.Replica(properties.replica(), "http://" + authority + ":" + admin.port());
        return new ReplicaDirectory(self, sharing(properties) ? properties.routeTable().kafkaBootstrapServers() : null,
                sharing(properties) ? properties.routeTable().topic() : null);
    }

    @Bean
    RouteTableWriter routeTableWriter(AppliedRouteTable applied, ReplicaDirectory replicas, ProxyProperties properties) {
        if (!sharing(properties)) {
            return new LocalRouteTable(applied);
        }
        return new KafkaRouteTable(applied, replicas, properties.routeTable().kafkaBootstrapServers(), properties.routeTable().topic());
    }

    private static boolean sharing(ProxyProperties properties) {
        ProxyProperties.RouteTableSharing sharing = properties.routeTable();
        return sharing != null && sharing.kafkaBootstrapServers() != null && !sharing.kafkaBootstrapServers().isBlank();
    }
}
