package io.stranglerkit.proxy.stats;

import io.stranglerkit.split.SplitDecision;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.RouteToRequestUrlFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;

/**
 * Times each backend call of a routed request, to the backend's response headers. It sits after the
 * split, so a read that falls back is two calls: the service's failure and the monolith's answer.
 */
@Component
public class RouteStatsFilter implements GlobalFilter, Ordered {

    private final RouteStats stats;

    public RouteStatsFilter(RouteStats stats) {
        this.stats = stats;
    }

    @Override
    public int getOrder() {
        // After the split (ROUTE_TO_URL_FILTER_ORDER + 1) has picked the backend.
        return RouteToRequestUrlFilter.ROUTE_TO_URL_FILTER_ORDER + 2;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        SplitDecision decision = SplitDecision.of(exchange);
        if (decision == null || decision.routeId() == null) {
            return chain.filter(exchange);
        }
        String route = decision.routeId();
        String backend = decision.backend();
        if (decision.fallback() != null && backend.equals(SplitDecision.MONOLITH)) {
            stats.fellBack(route);
        }
        long start = System.nanoTime();
        return chain.filter(exchange).doFinally(signal -> {
            HttpStatusCode status = exchange.getResponse().getStatusCode();
            // A cancel is the service's breaker giving up on it (timeout) or the client leaving.
            boolean error = signal != SignalType.ON_COMPLETE || (status != null && status.is5xxServerError());
            stats.record(route, backend, System.nanoTime() - start, error);
        });
    }
}
