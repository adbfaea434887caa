package io.stranglerkit.proxy;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

@ConfigurationProperties("proxy")
public record ProxyProperties(URI monolithUrl, Map<String, URI> services, Path dataDir, boolean allowRouteOverride,
                              Duration serviceTimeout, Admin admin, List<RouteDefinition> routes) {

    public record Admin(int port, String address, String token) {
    }

    /** A migratable route: requests matching a method and a path pattern may go to {@code service}. */
    public record RouteDefinition(String id, String service, List<String> methods, List<String> paths) {
    }
}
