package io.stranglerkit.split;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR;

/**
 * Starts every routed exchange's {@link SplitDecision} on the monolith (the route's own URI), or on
 * the side the route's {@code served-by} metadata names, and says in the response who answered:
 * {@code X-Served-By}, and {@code X-Fallback} with the reason when a read fell back. Routes without a split get the header too, so a client never has to guess.
 */
public class ServedByFilter implements GlobalFilter, Ordered {

    public static final String SERVED_BY = "X-Served-By";
    public static final String FALLBACK = "X-Fallback";
    /** Route metadata naming the side a route without a split always goes to (default: the monolith). */
    public static final String SERVED_BY_METADATA = "served-by";

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        Route route = exchange.getAttribute(GATEWAY_ROUTE_ATTR);
        Object side = route == null ? null : route.getMetadata().get(SERVED_BY_METADATA);
        SplitDecision decision = new SplitDecision(route == null ? null : route.getId(), side instanceof String named ? named : SplitDecision.MONOLITH);
        exchange.getAttributes().put(SplitDecision.ATTRIBUTE, decision);
        exchange.getResponse().beforeCommit(() -> {
            HttpHeaders headers = exchange.getResponse().getHeaders();
            headers.set(SERVED_BY, decision.backend());
            if (decision.fallback() != null) {
                headers.set(FALLBACK, decision.fallback());
            }
            return Mono.empty();
        });
        return chain.filter(exchange);
    }
}
