package io.stranglerkit.proxy.web;

import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/** Puts the exchange's correlation id on the headers the gateway sends to the backend. */
@Component
public class CorrelationIdToBackend implements HttpHeadersFilter, Ordered {

    @Override
    public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
        String id = CorrelationIdFilter.of(exchange);
        if (id.equals(input.getFirst(CorrelationIdFilter.HEADER))) {
            return input;
        }
        try {
            input.set(CorrelationIdFilter.HEADER, id);
            return input;
        } catch (UnsupportedOperationException readOnly) {
            // Only if no earlier header filter made a copy (the gateway's hop-by-hop filter always does).
            HttpHeaders copy = new HttpHeaders();
            copy.putAll(input);
            copy.set(CorrelationIdFilter.HEADER, id);
            return copy;
        }
    }

    /** Last, after the gateway's own header filters. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
