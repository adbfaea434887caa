package io.stranglerkit.proxy.web;

import io.stranglerkit.platform.correlation.CorrelationId;
import io.stranglerkit.split.ServiceCall;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Gives every request an {@code X-Correlation-Id} (the caller's when it sends a plain one), passes
 * it to the backend and returns it, so one request can be followed through every log.
 * <p>
 * A new id reaches the backend through {@link CorrelationIdToBackend}, not by changing the incoming
 * request: that would copy all its headers on every call.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class CorrelationIdFilter implements WebFilter {

    public static final String HEADER = CorrelationId.HEADER;
    public static final String ATTRIBUTE = ServiceCall.CORRELATION_ID_ATTRIBUTE;

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String given = exchange.getRequest().getHeaders().getFirst(HEADER);
        String id = CorrelationId.accepts(given) ? given : newId();
        exchange.getAttributes().put(ATTRIBUTE, id);
        // Set once, just before the response goes out: backends echo the id, and the gateway copies
        // their headers in, which would otherwise repeat it.
        exchange.getResponse().beforeCommit(() -> {
            exchange.getResponse().getHeaders().set(HEADER, id);
            return Mono.empty();
        });
        return chain.filter(exchange);
    }

    /** A random (version 4) UUID from a fast generator: correlation ids need uniqueness, not secrecy. */
    static String newId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & ~(0xC000L << 48)) | (0x8000L << 48);
        return new UUID(high, low).toString();
    }

    public static String of(ServerWebExchange exchange) {
        return exchange.getAttributeOrDefault(ATTRIBUTE, "-");
    }
}
