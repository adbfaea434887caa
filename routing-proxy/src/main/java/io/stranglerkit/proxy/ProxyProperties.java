package io.stranglerkit.proxy;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.nio.file.Path;

/**
 * {@code proxy.*}: the kit's own settings. The routes and their backends are the gateway's
 * ({@code spring.cloud.gateway.server.webflux.routes}); {@code proxy.monolith-url} and
 * {@code proxy.services.*} only name the backends those routes point at.
 *
 * @param replica    this process's name among the proxy's replicas, in /admin/routes and logs
 * @param routeTable where the route table is shared between replicas
 */
@ConfigurationProperties("proxy")
public record ProxyProperties(Path dataDir, String replica, Admin admin, RouteTableSharing routeTable) {

    public record Admin(int port, String address, String token) {
    }

    /** Kafka bootstrap servers (empty: this proxy alone keeps its table in its data directory) and the topic. */
    public record RouteTableSharing(String kafkaBootstrapServers, String topic) {
    }
}
