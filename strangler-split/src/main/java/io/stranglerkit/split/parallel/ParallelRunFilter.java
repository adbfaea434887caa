package io.stranglerkit.split.parallel;

import io.stranglerkit.split.ServiceCall;
import io.stranglerkit.split.SplitDecision;
import io.stranglerkit.split.SplitRoute;
import io.stranglerkit.split.SplitRoutes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.NettyWriteResponseFilter;
import io.micrometer.observation.Observation;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.cloud.gateway.filter.headers.observation.ObservedRequestHttpHeadersFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;

import java.net.URI;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR;

/**
 * Picks a route's {@code shadowPercent} of GETs for the parallel run. It sits just outside the filter
 * that writes the backend's answer to the client, so it sees the answer's bytes go by and starts
 * the comparison only once the client has all of them: the shadow adds nothing to the client's wait.
 * Writes are never shadowed; a request already marked {@code X-Shadow} is not shadowed again.
 */
public class ParallelRunFilter implements GlobalFilter, Ordered {

    public static final String SHADOW = "X-Shadow";
    private static final Logger log = LoggerFactory.getLogger(ParallelRunFilter.class);
    private static final String CORRELATION_ID = "X-Correlation-Id";

    private final SplitRoutes routes;
    private final ParallelRun parallelRun;
    private final ObjectProvider<List<HttpHeadersFilter>> headersFilters;
    private final int bodyLimit;

    public ParallelRunFilter(SplitRoutes routes, ParallelRun parallelRun, ObjectProvider<List<HttpHeadersFilter>> headersFilters,
                             ParallelRunProperties properties) {
        this.routes = routes;
        this.parallelRun = parallelRun;
        this.headersFilters = headersFilters;
        this.bodyLimit = properties.bodyLimitBytes();
    }

    @Override
    public int getOrder() {
        return NettyWriteResponseFilter.WRITE_RESPONSE_FILTER_ORDER - 1;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        if (exchange.getRequest().getMethod() != HttpMethod.GET) {
            return chain.filter(exchange);
        }
        Route route = exchange.getAttribute(GATEWAY_ROUTE_ATTR);
        SplitRoute split = route == null ? null : routes.get(route.getId());
        int percent = split == null ? 0 : split.split().shadowPercent();
        if (percent == 0 || (percent < 100 && ThreadLocalRandom.current().nextInt(100) >= percent)
                || exchange.getRequest().getHeaders().containsHeader(SHADOW)) {
            return chain.filter(exchange);
        }
        CapturedResponse captured = new CapturedResponse(exchange.getResponse(), bodyLimit);
        ServerWebExchange shadowed = exchange.mutate().response(captured).build();
        // A client that closes its connection as soon as it has read the answer cancels the exchange
        // before the write completes: the answer is still whole, and is compared.
        return Mono.deferContextual(context -> chain.filter(shadowed).doFinally(signal -> {
            if (signal == SignalType.ON_ERROR) {
                return;
            }
            if (signal == SignalType.CANCEL && !captured.complete()) {
                parallelRun.results(split.id()).count(Outcome.SKIPPED);
                return;
            }
            try {
                submit(shadowed, route, split, captured, context.getOrDefault(ObservationThreadLocalAccessor.KEY, null));
            } catch (RuntimeException e) {
                // The client has its answer; nothing about the shadow may reach it.
                log.warn("shadow of {} not sent: {}", exchange.getRequest().getPath(), e.toString());
                parallelRun.results(split.id()).count(Outcome.SHADOW_ERROR);
            }
        }));
    }

    private void submit(ServerWebExchange exchange, Route route, SplitRoute split, CapturedResponse captured, Observation request) {
        SplitDecision decision = SplitDecision.of(exchange);
        URI primaryUrl = exchange.getAttribute(GATEWAY_REQUEST_URL_ATTR);
        if (decision == null || decision.fallback() != null || primaryUrl == null || captured.getStatusCode() == null) {
            // The primary fell back to the other side (or never answered): there is nothing to compare.
            parallelRun.results(split.id()).count(Outcome.SKIPPED);
            return;
        }
        boolean primaryIsMonolith = SplitDecision.MONOLITH.equals(decision.backend());
        URI shadowUrl = primaryIsMonolith ? split.serviceUrl(primaryUrl) : onMonolith(route.getUri(), primaryUrl);
        HttpHeaders headers = new HttpHeaders();
        // Not the gateway's observation filter: it would start a client span for a call it never sees end.
        // The shadow client makes its own span and sends its own trace context.
        List<HttpHeadersFilter> filters = headersFilters.getIfAvailable(List::of).stream()
                .filter(filter -> !(filter instanceof ObservedRequestHttpHeadersFilter)).toList();
        headers.putAll(HttpHeadersFilter.filterRequest(filters, exchange));
        headers.remove(HttpHeaders.HOST);
        ShadowClient.TRACE_HEADERS.forEach(headers::remove);
        headers.set(SHADOW, "true");
        String correlationId = exchange.getAttributeOrDefault(ServiceCall.CORRELATION_ID_ATTRIBUTE, headers.getFirst(CORRELATION_ID));
        String uri = exchange.getRequest().getURI().getRawPath()
                + (exchange.getRequest().getURI().getRawQuery() == null ? "" : "?" + exchange.getRequest().getURI().getRawQuery());
        String shadowSide = primaryIsMonolith ? split.service() : SplitDecision.MONOLITH;
        ShadowedRead read = new ShadowedRead(split, "GET", uri, correlationId, decision.backend(), primaryUrl, shadowSide, shadowUrl,
                headers, request);
        Answer primary = new Answer(decision.backend(), captured.getStatusCode().value(),
                captured.getHeaders().getFirst(HttpHeaders.CONTENT_TYPE), captured.body(), captured.truncated());
        parallelRun.compare(read, primary);
    }

    /** The request's path and query on the route's own URI. */
    private static URI onMonolith(URI routeUri, URI requestUrl) {
        String base = routeUri.toString().endsWith("/") ? routeUri.toString().substring(0, routeUri.toString().length() - 1)
                : routeUri.toString();
        String query = requestUrl.getRawQuery();
        return URI.create(base + requestUrl.getRawPath() + (query == null ? "" : "?" + query));
    }
}
