package io.stranglerkit.proxy;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code proxy.*}: the kit's own settings. The routes and their backends are the gateway's
 * ({@code spring.cloud.gateway.server.webflux.routes}); {@code proxy.monolith-url} and
 * {@code proxy.services.*} only name the backends those routes point at.
 *
 * @param replica    this process's name among the proxy's replicas, in /admin/routes and logs
 * @param routeTable where the route table is shared between replicas
 * @param ramp       how ramps judge their steps
 */
@ConfigurationProperties("proxy")
public record ProxyProperties(Path dataDir, String replica, Admin admin, RouteTableSharing routeTable, Ramp ramp) {

    public ProxyProperties {
        ramp = ramp == null ? new Ramp(null, null, null, null) : ramp;
    }

    /**
     * @param interval  how often a running ramp is judged
     * @param p99Floor  a service p99 under this passes whatever its ratio to the monolith's
     * @param loadPaths per read route, the paths a ramp's synthetic load asks for, in turn
     * @param lag       per service, where its read model's lag is read, in seconds or milliseconds
     */
    public record Ramp(Duration interval, Duration p99Floor, Map<String, List<String>> loadPaths, Map<String, List<LagSource>> lag) {

        public Ramp {
            interval = interval == null ? Duration.ofSeconds(1) : interval;
            p99Floor = p99Floor == null ? Duration.ofMillis(5) : p99Floor;
            loadPaths = loadPaths == null ? Map.of() : Map.copyOf(loadPaths);
            lag = lag == null ? Map.of() : Map.copyOf(lag);
        }
    }

    /** A number on a JSON status page: {@code unit} s or ms. */
    public record LagSource(URI statusUrl, String pointer, String unit) {
    }

    public record Admin(int port, String address, String token) {
    }

    /** Kafka bootstrap servers (empty: this proxy alone keeps its table in its data directory) and the topic. */
    public record RouteTableSharing(String kafkaBootstrapServers, String topic) {
    }
}
