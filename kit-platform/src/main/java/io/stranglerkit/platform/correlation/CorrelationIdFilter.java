package io.stranglerkit.platform.correlation;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Takes the caller's {@code X-Correlation-Id} (the routing proxy sets one) or makes one, puts it in
 * every log line of the request, and returns it, so one request can be followed across processes.
 * A copy the proxy sent for a parallel run ({@code X-Shadow: true}) is logged as {@code [<id> shadow]}.
 */
public class CorrelationIdFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String id = CorrelationId.acceptOrCreate(request.getHeader(CorrelationId.HEADER));
        MDC.put(CorrelationId.MDC_KEY, id);
        request.setAttribute(CorrelationId.TAG, id); // for the span's tag (TracingAutoConfiguration)
        boolean shadow = "true".equalsIgnoreCase(request.getHeader(CorrelationId.SHADOW_HEADER));
        if (shadow) {
            MDC.put(CorrelationId.SHADOW_MDC_KEY, " shadow");
        }
        response.setHeader(CorrelationId.HEADER, id);
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove(CorrelationId.MDC_KEY);
            MDC.remove(CorrelationId.SHADOW_MDC_KEY);
        }
    }
}
