package io.stranglerkit.proxy.web;

import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationFilter;
import io.stranglerkit.platform.correlation.CorrelationId;
import io.stranglerkit.split.SplitDecision;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.stereotype.Component;

/**
 * Tags the request's span with its correlation id when the request's observation stops, so
 * {@code kit trace <correlation id>} finds the trace in Zipkin, and with the route and the side that
 * served it (and the fallback, if there was one).
 */
@Component
public class CorrelationIdTag implements ObservationFilter {

    @Override
    public Observation.Context map(Observation.Context context) {
        if (context instanceof ServerRequestObservationContext request
                && request.getAttributes().get(CorrelationIdFilter.ATTRIBUTE) instanceof String id) {
            request.addHighCardinalityKeyValue(KeyValue.of(CorrelationId.TAG, id));
        }
        if (context instanceof ServerRequestObservationContext request
                && request.getAttributes().get(SplitDecision.ATTRIBUTE) instanceof SplitDecision decision) {
            request.addHighCardinalityKeyValue(KeyValue.of("route", decision.routeId()));
            request.addHighCardinalityKeyValue(KeyValue.of("served.by", decision.backend()));
            if (decision.fallback() != null) {
                request.addHighCardinalityKeyValue(KeyValue.of("fallback", decision.fallback()));
            }
        }
        return context;
    }
}
