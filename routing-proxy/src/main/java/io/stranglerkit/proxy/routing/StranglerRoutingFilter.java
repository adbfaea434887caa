package io.stranglerkit.proxy.routing;

import io.stranglerkit.platform.admin.AdminToken;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.stranglerkit.proxy.ProxyProperties;
import io.stranglerkit.proxy.stats.RouteStats;
import io.stranglerkit.proxy.web.CorrelationIdFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.client.circuitbreaker.ReactiveCircuitBreaker;
import org.springframework.cloud.client.circuitbreaker.ReactiveCircuitBreakerFactory;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.RouteToRequestUrlFilter;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpCookie;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;
import reactor.netty.Connection;

import java.net.ConnectException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.CLIENT_RESPONSE_CONN_ATTR;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR;

/**
 * The strangler itself. Runs right after the gateway computed the monolith URL and, for a request
 * of a migratable route, decides monolith or service from the route's split, then points the
 * request at the chosen backend.
 * <p>
 * Service calls go through the service's circuit breaker. When the service fails (connection
 * error, 5xx, timeout, open circuit) a GET or HEAD is sent to the monolith instead and says so in
 * {@code X-Fallback}; a write is never sent again to the other side: it gets a 502/503/504 problem.
 */
@Component
public class StranglerRoutingFilter implements GlobalFilter, Ordered {

    public static final String SERVED_BY = "X-Served-By";
    public static final String FALLBACK = "X-Fallback";
    public static final String ROUTE_TO = "X-Route-To";
    public static final String CLIENT_ID = "X-Client-Id";
    public static final String CLIENT_COOKIE = "kit-client";

    private static final Logger log = LoggerFactory.getLogger(StranglerRoutingFilter.class);

    /** Which backend answers this exchange; a fallback changes it before the response is committed. */
    static final class Served {
        volatile String backend;
        volatile String fallback;

        Served(String backend) {
            this.backend = backend;
        }
    }

    private final RouteTable routes;
    private final RouteStats stats;
    private final AdminToken adminToken;
    private final boolean allowRouteOverride;
    private final Duration serviceTimeout;
    private final Map<String, ReactiveCircuitBreaker> breakers = new HashMap<>();

    public StranglerRoutingFilter(RouteTable routes, RouteStats stats, AdminToken adminToken, ProxyProperties properties,
                                  ReactiveCircuitBreakerFactory<?, ?> breakerFactory) {
        this.routes = routes;
        this.stats = stats;
        this.adminToken = adminToken;
        this.allowRouteOverride = properties.allowRouteOverride();
        this.serviceTimeout = properties.serviceTimeout();
        routes.all().forEach(r -> breakers.computeIfAbsent(r.service(), breakerFactory::create));
    }

    @Override
    public int getOrder() {
        return RouteToRequestUrlFilter.ROUTE_TO_URL_FILTER_ORDER + 1;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        MigratableRoute route = routes.match(request.getMethod(), request.getPath().pathWithinApplication());
        String routeId = route == null ? RouteTable.DEFAULT_ROUTE : route.id();
        boolean toService = route != null && chooseService(route, exchange);

        Served served = new Served(toService ? route.service() : RouteTable.MONOLITH);
        exchange.getResponse().beforeCommit(() -> {
            HttpHeaders headers = exchange.getResponse().getHeaders();
            headers.set(SERVED_BY, served.backend);
            if (served.fallback != null) {
                headers.set(FALLBACK, served.fallback);
            }
            return Mono.empty();
        });
        long start = System.nanoTime();
        Mono<Void> call;
        if (toService) {
            exchange.getAttributes().put(GATEWAY_REQUEST_URL_ATTR, target(route.serviceBaseUrl(), request));
            call = callService(exchange, chain, route, served, start);
        } else {
            exchange.getAttributes().put(GATEWAY_REQUEST_URL_ATTR, target(routes.monolithBaseUrl(), request));
            call = chain.filter(exchange);
        }
        return call.doFinally(signal -> {
            HttpStatusCode status = exchange.getResponse().getStatusCode();
            boolean error = signal == SignalType.ON_ERROR || (status != null && status.is5xxServerError());
            stats.record(routeId, served.backend, System.nanoTime() - start, error);
        });
    }

    /** Forced by X-Route-To (admin token, or allowed for testers), else the route's split. */
    private boolean chooseService(MigratableRoute route, ServerWebExchange exchange) {
        HttpHeaders headers = exchange.getRequest().getHeaders();
        String forced = headers.getFirst(ROUTE_TO);
        if (forced != null && (allowRouteOverride || adminToken.accepts(headers.getFirst(HttpHeaders.AUTHORIZATION)))) {
            if ("service".equalsIgnoreCase(forced)) {
                return true;
            }
            if ("monolith".equalsIgnoreCase(forced)) {
                return false;
            }
        }
        MigratableRoute.Split split = route.split();
        // Only a real split needs the client's key (and may set its cookie); 0% and 100% do not.
        boolean needsKey = split.sticky() && split.servicePercent() > 0 && split.servicePercent() < 100;
        return SideChooser.toService(split, route.id(), needsKey ? clientKey(exchange) : null);
    }

    /** X-Client-Id, else the kit-client cookie, else a new id set as that cookie. */
    private static String clientKey(ServerWebExchange exchange) {
        String header = exchange.getRequest().getHeaders().getFirst(CLIENT_ID);
        if (header != null && !header.isBlank() && header.length() <= 128) {
            return header;
        }
        HttpCookie cookie = exchange.getRequest().getCookies().getFirst(CLIENT_COOKIE);
        if (cookie != null && !cookie.getValue().isBlank()) {
            return cookie.getValue();
        }
        String id = UUID.randomUUID().toString();
        exchange.getResponse().addCookie(ResponseCookie.from(CLIENT_COOKIE, id)
                .path("/").httpOnly(true).sameSite("Lax").maxAge(Duration.ofDays(365)).build());
        return id;
    }

    private Mono<Void> callService(ServerWebExchange exchange, GatewayFilterChain chain, MigratableRoute route, Served served,
                                   long start) {
        // The routing filter completes once the backend's status and headers are in, before the
        // body is streamed: a 5xx can still be replaced by the monolith's answer here.
        Mono<Void> call = chain.filter(exchange).then(Mono.defer(() -> {
            HttpStatusCode status = exchange.getResponse().getStatusCode();
            return status != null && status.is5xxServerError()
                    ? Mono.error(new ServiceAnsweredError(status.value()))
                    : Mono.empty();
        }));
        return breakers.get(route.service()).run(call, failure -> {
            // A read that falls back is then recorded for the monolith: count the service's failure too.
            // (A failed write stays the service's and is recorded once, when it completes.)
            if (isRead(exchange.getRequest().getMethod())) {
                stats.record(route.id(), route.service(), System.nanoTime() - start, true);
            }
            return fallback(exchange, chain, route, served, failure);
        });
    }

    private Mono<Void> fallback(ServerWebExchange exchange, GatewayFilterChain chain, MigratableRoute route, Served served,
                                Throwable failure) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.error(failure);
        }
        String reason = route.service() + " " + describe(failure);
        discardServiceResponse(exchange);
        HttpMethod method = exchange.getRequest().getMethod();
        String correlationId = CorrelationIdFilter.of(exchange);
        if (!isRead(method)) {
            log.warn("[{}] {} {} not sent to the monolith: {} (writes are never replayed)", correlationId, method,
                    exchange.getRequest().getPath(), reason);
            return writeProblem(response, statusFor(failure), reason + "; the request was not sent to the monolith,"
                    + " and it may or may not have been applied by " + route.service() + ". Check before retrying.", correlationId);
        }
        log.warn("[{}] {} {} falls back to the monolith: {}", correlationId, method, exchange.getRequest().getPath(), reason);
        served.backend = RouteTable.MONOLITH;
        served.fallback = reason;
        exchange.getAttributes().put(GATEWAY_REQUEST_URL_ATTR, target(routes.monolithBaseUrl(), exchange.getRequest()));
        return chain.filter(exchange);
    }

    private static boolean isRead(HttpMethod method) {
        return method == HttpMethod.GET || method == HttpMethod.HEAD;
    }

    /** Forgets the failed attempt: its connection, the headers it copied, the routed mark. */
    private static void discardServiceResponse(ServerWebExchange exchange) {
        Connection connection = exchange.getAttribute(CLIENT_RESPONSE_CONN_ATTR);
        if (connection != null) {
            connection.dispose();
            exchange.getAttributes().remove(CLIENT_RESPONSE_CONN_ATTR);
        }
        org.springframework.cloud.gateway.support.ServerWebExchangeUtils.reset(exchange);
        exchange.getResponse().setStatusCode(null);
    }

    private String describe(Throwable failure) {
        if (failure instanceof CallNotPermittedException) {
            return "is failing: circuit open";
        }
        if (failure instanceof TimeoutException) {
            return "did not answer within " + serviceTimeout.toMillis() + " ms";
        }
        if (failure instanceof ServiceAnsweredError e) {
            return "answered " + e.status;
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return "is unreachable: connection refused";
            }
        }
        return "failed: " + failure.getClass().getSimpleName();
    }

    private static HttpStatus statusFor(Throwable failure) {
        if (failure instanceof CallNotPermittedException) {
            return HttpStatus.SERVICE_UNAVAILABLE;
        }
        if (failure instanceof TimeoutException) {
            return HttpStatus.GATEWAY_TIMEOUT;
        }
        return HttpStatus.BAD_GATEWAY;
    }

    private static Mono<Void> writeProblem(ServerHttpResponse response, HttpStatus status, String detail, String correlationId) {
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        String body = "{\"type\":\"about:blank\",\"title\":\"" + status.getReasonPhrase() + "\",\"status\":" + status.value()
                + ",\"detail\":\"" + detail.replace("\\", "\\\\").replace("\"", "\\\"") + "\",\"correlationId\":\""
                + correlationId + "\"}";
        DataBuffer buffer = response.bufferFactory().wrap(body.getBytes(StandardCharsets.UTF_8));
        return response.writeWith(Mono.just(buffer));
    }

    /** Base URL + the request's raw path and query: no re-encoding, no per-request route table. */
    private static URI target(String baseUrl, ServerHttpRequest request) {
        URI uri = request.getURI();
        String query = uri.getRawQuery();
        return URI.create(baseUrl + uri.getRawPath() + (query == null ? "" : "?" + query));
    }

    static final class ServiceAnsweredError extends RuntimeException {
        final int status;

        ServiceAnsweredError(int status) {
            super("service answered " + status, null, false, false);
            this.status = status;
        }
    }
}
