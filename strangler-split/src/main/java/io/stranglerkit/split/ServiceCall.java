package io.stranglerkit.split;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.client.circuitbreaker.ReactiveCircuitBreaker;
import org.springframework.cloud.client.circuitbreaker.ReactiveCircuitBreakerFactory;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;

import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.CLIENT_RESPONSE_CONN_ATTR;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR;

/**
 * One call to an extracted service, through that service's circuit breaker. When the service fails
 * (connection error, 5xx, timeout, open circuit) a GET or HEAD goes to the monolith instead and says
 * so in {@code X-Fallback}; a write is never sent again to the other side: it gets a 502/503/504 problem.
 * <p>
 * Why not SCG's {@code CircuitBreaker} filter: it wraps the whole route, so monolith answers would
 * count against the service's breaker, and its fallback re-dispatches to a local {@code forward:}
 * path, which loses the request's path on the way to the monolith.
 */
public class ServiceCall {

    private static final Logger log = LoggerFactory.getLogger(ServiceCall.class);
    private static final String CORRELATION_ID = "X-Correlation-Id";
    /** Where a filter that gives requests their correlation id keeps it, if it does not put it on the request. */
    public static final String CORRELATION_ID_ATTRIBUTE = "strangler.split.correlationId";

    private final ReactiveCircuitBreakerFactory<?, ?> breakerFactory;
    private final Map<String, ReactiveCircuitBreaker> breakers = new ConcurrentHashMap<>();
    private final Duration timeout;

    public ServiceCall(ReactiveCircuitBreakerFactory<?, ?> breakerFactory, StranglerSplitProperties properties) {
        this.breakerFactory = breakerFactory;
        this.timeout = properties.serviceTimeout();
    }

    /** Makes the service's breaker when its route is built, so a request only looks it up. */
    void prepare(String service) {
        breakers.computeIfAbsent(service, breakerFactory::create);
    }

    Mono<Void> run(SplitRoute route, ServerWebExchange exchange, GatewayFilterChain chain, SplitDecision decision, URI monolithUrl) {
        // The routing filter completes once the backend's status and headers are in, before the
        // body is streamed: a 5xx can still be replaced by the monolith's answer here.
        Mono<Void> call = chain.filter(exchange).then(Mono.defer(() -> {
            HttpStatusCode status = exchange.getResponse().getStatusCode();
            return status != null && status.is5xxServerError()
                    ? Mono.error(new ServiceAnsweredError(status.value()))
                    : Mono.empty();
        }));
        return breakers.get(route.service()).run(call, failure -> fallback(route, exchange, chain, decision, monolithUrl, failure));
    }

    private Mono<Void> fallback(SplitRoute route, ServerWebExchange exchange, GatewayFilterChain chain, SplitDecision decision,
                                URI monolithUrl, Throwable failure) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.error(failure);
        }
        String reason = route.service() + " " + describe(failure);
        discardServiceResponse(exchange);
        HttpMethod method = exchange.getRequest().getMethod();
        String correlationId = exchange.getAttributeOrDefault(CORRELATION_ID_ATTRIBUTE,
                exchange.getRequest().getHeaders().getFirst(CORRELATION_ID));
        if (method != HttpMethod.GET && method != HttpMethod.HEAD) {
            log.warn("[{}] {} {} not sent to the monolith: {} (writes are never replayed)", correlationId, method,
                    exchange.getRequest().getPath(), reason);
            return WriteFailure.answer(response, failure, reason + "; the request was not sent to the monolith,"
                    + " and it may or may not have been applied by " + route.service() + ". Check before retrying.", correlationId);
        }
        log.warn("[{}] {} {} falls back to the monolith: {}", correlationId, method, exchange.getRequest().getPath(), reason);
        decision.fellBack(reason);
        exchange.getAttributes().put(GATEWAY_REQUEST_URL_ATTR, monolithUrl);
        return chain.filter(exchange);
    }

    /** Forgets the failed attempt: its connection, the headers it copied, the routed mark. */
    private static void discardServiceResponse(ServerWebExchange exchange) {
        Connection connection = exchange.getAttribute(CLIENT_RESPONSE_CONN_ATTR);
        if (connection != null) {
            connection.dispose();
            exchange.getAttributes().remove(CLIENT_RESPONSE_CONN_ATTR);
        }
        ServerWebExchangeUtils.reset(exchange);
        exchange.getResponse().setStatusCode(null);
    }

    private String describe(Throwable failure) {
        if (failure instanceof CallNotPermittedException) {
            return "is failing: circuit open";
        }
        if (failure instanceof TimeoutException) {
            return "did not answer within " + timeout.toMillis() + " ms";
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

    static final class ServiceAnsweredError extends RuntimeException {
        final int status;

        ServiceAnsweredError(int status) {
            super("service answered " + status, null, false, false);
            this.status = status;
        }
    }
}
