package io.stranglerkit.split;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.OrderedGatewayFilter;
import org.springframework.cloud.gateway.filter.RouteToRequestUrlFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.cloud.gateway.support.HasRouteId;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.util.List;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR;

/**
 * The {@code StranglerSplit} route filter: sends the route's share of requests to the extracted
 * service and the rest to the route's own URI (the monolith).
 * <pre>
 * filters:
 *   - StranglerSplit=search-service, http://127.0.0.1:8082
 * </pre>
 * It runs right after the gateway resolved the request URL against the route's URI, and for a
 * request the split gives to the service, points it at the service instead (as SCG's own load
 * balancer filter does for {@code lb://}). Service calls go through {@link ServiceCall}.
 */
public class StranglerSplitGatewayFilterFactory extends AbstractGatewayFilterFactory<StranglerSplitGatewayFilterFactory.Config> {

    public static final String ROUTE_TO = "X-Route-To";

    private final SplitRoutes routes;
    private final RouteOverride override;
    private final ServiceCall serviceCall;

    public StranglerSplitGatewayFilterFactory(SplitRoutes routes, RouteOverride override, ServiceCall serviceCall) {
        super(Config.class);
        this.routes = routes;
        this.override = override;
        this.serviceCall = serviceCall;
    }

    @Override
    public List<String> shortcutFieldOrder() {
        return List.of("service", "uri", "servicePercent", "sticky");
    }

    @Override
    public GatewayFilter apply(Config config) {
        if (config.service == null || config.service.isBlank() || config.uri == null) {
            throw new IllegalArgumentException("StranglerSplit on route '" + config.routeId + "' needs a service name and its uri");
        }
        SplitRoute route = routes.register(config.routeId, config.service, config.uri,
                new Split(config.servicePercent, config.sticky));
        serviceCall.prepare(config.service);
        return new OrderedGatewayFilter((exchange, chain) -> split(route, exchange, chain),
                RouteToRequestUrlFilter.ROUTE_TO_URL_FILTER_ORDER + 1);
    }

    private Mono<Void> split(SplitRoute route, ServerWebExchange exchange, GatewayFilterChain chain) {
        if (!chooseService(route, exchange)) {
            return chain.filter(exchange);
        }
        SplitDecision decision = SplitDecision.of(exchange);
        decision.toService(route.service());
        URI monolithUrl = exchange.getRequiredAttribute(GATEWAY_REQUEST_URL_ATTR);
        exchange.getAttributes().put(GATEWAY_REQUEST_URL_ATTR, route.serviceUrl(monolithUrl));
        return serviceCall.run(route, exchange, chain, decision, monolithUrl);
    }

    /** Forced by X-Route-To when the caller may, else the route's split. */
    private boolean chooseService(SplitRoute route, ServerWebExchange exchange) {
        HttpHeaders headers = exchange.getRequest().getHeaders();
        String forced = headers.getFirst(ROUTE_TO);
        if (forced != null && override.allowed(exchange.getRequest())) {
            if ("service".equalsIgnoreCase(forced)) {
                return true;
            }
            if ("monolith".equalsIgnoreCase(forced)) {
                return false;
            }
        }
        Split split = route.split();
        // Only a real split needs the client's key (and may set its cookie); 0% and 100% do not.
        boolean needsKey = split.sticky() && split.servicePercent() > 0 && split.servicePercent() < 100;
        return SideChooser.toService(split, route.id(), needsKey ? ClientKey.of(exchange) : null);
    }

    /** The filter's arguments; {@code servicePercent} and {@code sticky} are where a route starts without a saved split. */
    public static class Config implements HasRouteId {
        private String routeId;
        private String service;
        private URI uri;
        private int servicePercent;
        private boolean sticky = true;

        @Override
        public void setRouteId(String routeId) {
            this.routeId = routeId;
        }

        @Override
        public String getRouteId() {
            return routeId;
        }

        public String getService() {
            return service;
        }

        public void setService(String service) {
            this.service = service;
        }

        public URI getUri() {
            return uri;
        }

        public void setUri(URI uri) {
            this.uri = uri;
        }

        public int getServicePercent() {
            return servicePercent;
        }

        public void setServicePercent(int servicePercent) {
            this.servicePercent = servicePercent;
        }

        public boolean isSticky() {
            return sticky;
        }

        public void setSticky(boolean sticky) {
            this.sticky = sticky;
        }
    }
}
