package io.stranglerkit.platform.tracing;

import io.micrometer.common.KeyValue;
import io.micrometer.observation.ObservationFilter;
import io.micrometer.observation.ObservationPredicate;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import io.stranglerkit.platform.correlation.CorrelationId;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.observation.ServerRequestObservationContext;

/**
 * Tracing plumbing every application gets from kit-platform (Spring Boot makes the tracer and the
 * Zipkin reporter): the correlation id as a tag on each request's span, so {@code kit trace <id>}
 * finds the trace; write statements that carry the trace context to the binlog where
 * {@code kit.tracing.sql-comments} is on; the change consumers' "apply" spans.
 */
@AutoConfiguration
public class TracingAutoConfiguration {

    /** What the console, kit status and the proxy's freshness check read over and over. */
    static boolean polled(String path) {
        return path.startsWith("/actuator") || path.equals("/status");
    }

    @Bean
    @ConditionalOnBooleanProperty("kit.tracing.sql-comments")
    static SqlTraceComments sqlTraceComments(ObjectProvider<Tracer> tracer) {
        return new SqlTraceComments(tracer);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.apache.kafka.clients.consumer.ConsumerRecord")
    static class Consumers {

        @Bean
        ChangeTracing changeTracing(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
            return new ChangeTracing(tracer.getIfAvailable(() -> Tracer.NOOP), propagator.getIfAvailable(() -> Propagator.NOOP));
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
    static class ReactiveRequests {

        /** As for servlet applications: health checks, scrapes and status polls are not traced. */
        @Bean
        ObservationPredicate noPollTraces() {
            return (name, context) -> !(context instanceof org.springframework.http.server.reactive.observation.ServerRequestObservationContext request)
                    || !polled(request.getCarrier().getPath().value());
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnClass(name = "jakarta.servlet.Filter")
    static class ServletRequests {

        /** Health checks, scrapes and status polls (every part, every second) are not traced: they would bury the kit's traces. */
        @Bean
        ObservationPredicate noPollTraces() {
            return (name, context) -> !(context instanceof ServerRequestObservationContext request)
                    || !polled(request.getCarrier().getRequestURI());
        }

        /**
         * The correlation id, and whether the request is the proxy's copy for a parallel run; applied when
         * the request's observation stops, after the correlation id filter has run.
         */
        @Bean
        ObservationFilter correlationIdTag() {
            return context -> {
                if (context instanceof ServerRequestObservationContext request) {
                    if (request.getCarrier().getAttribute(CorrelationId.TAG) instanceof String id) {
                        request.addHighCardinalityKeyValue(KeyValue.of(CorrelationId.TAG, id));
                    }
                    if ("true".equalsIgnoreCase(request.getCarrier().getHeader(CorrelationId.SHADOW_HEADER))) {
                        request.addHighCardinalityKeyValue(KeyValue.of("shadow", "true"));
                    }
                }
                return context;
            };
        }
    }
}
