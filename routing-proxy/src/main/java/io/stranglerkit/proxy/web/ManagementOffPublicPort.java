package io.stranglerkit.proxy.web;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * The public port serves only the shop's API: {@code /actuator/**} there answers 404 instead of
 * reaching the monolith's actuator through the catch-all route. The proxy's own actuator listens
 * on its management port (loopback by default), where this filter lets requests through.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class ManagementOffPublicPort implements WebFilter {

    private static final byte[] NOT_HERE = ("{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404,"
            + "\"detail\":\"management endpoints are not served on the public port\"}").getBytes(StandardCharsets.UTF_8);

    private final Environment environment;

    public ManagementOffPublicPort(Environment environment) {
        this.environment = environment;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        if (!(path.equals("/actuator") || path.startsWith("/actuator/")) || onManagementPort(exchange)) {
            return chain.filter(exchange);
        }
        exchange.getResponse().setStatusCode(HttpStatus.NOT_FOUND);
        exchange.getResponse().getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return exchange.getResponse().writeWith(Mono.just(exchange.getResponse().bufferFactory().wrap(NOT_HERE)));
    }

    private boolean onManagementPort(ServerWebExchange exchange) {
        // Spring Boot publishes the bound management port as local.management.port once it listens.
        Integer management = environment.getProperty("local.management.port", Integer.class);
        InetSocketAddress local = exchange.getRequest().getLocalAddress();
        return management != null && local != null && local.getPort() == management;
    }
}
