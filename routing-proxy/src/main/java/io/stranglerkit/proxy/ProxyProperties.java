package io.stranglerkit.proxy;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.nio.file.Path;

/**
 * {@code proxy.*}: the kit's own settings. The routes and their backends are the gateway's
 * ({@code spring.cloud.gateway.server.webflux.routes}); {@code proxy.monolith-url} and
 * {@code proxy.services.*} only name the backends those routes point at.
 */
@ConfigurationProperties("proxy")
public record ProxyProperties(Path dataDir, Admin admin) {

    public record Admin(int port, String address, String token) {
    }
}
