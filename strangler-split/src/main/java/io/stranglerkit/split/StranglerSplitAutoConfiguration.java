package io.stranglerkit.split;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JConfigBuilder;
import org.springframework.cloud.client.circuitbreaker.Customizer;
import org.springframework.cloud.client.circuitbreaker.ReactiveCircuitBreakerFactory;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.context.annotation.Bean;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.stranglerkit.split.parallel.ParallelRun;
import io.stranglerkit.split.parallel.ParallelRunFilter;
import io.stranglerkit.split.parallel.ParallelRunProperties;

import java.time.Duration;
import java.util.List;

/**
 * What a Spring Cloud Gateway application gets by depending on strangler-split: the
 * {@code StranglerSplit} route filter, {@code X-Served-By}, a circuit breaker per service, and the
 * parallel run of each route's {@code shadowPercent} of reads.
 */
@AutoConfiguration
@ConditionalOnClass(GatewayFilter.class)
@EnableConfigurationProperties({StranglerSplitProperties.class, ParallelRunProperties.class})
public class StranglerSplitAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    SplitRoutes splitRoutes(ObjectProvider<SplitStore> store) {
        return new SplitRoutes(store.getIfAvailable(() -> SplitStore.NONE));
    }

    @Bean
    @ConditionalOnMissingBean
    RouteOverride routeOverride(StranglerSplitProperties properties) {
        boolean allowed = properties.allowRouteOverride();
        return request -> allowed;
    }

    @Bean
    @ConditionalOnMissingBean
    ServiceCall serviceCall(ReactiveCircuitBreakerFactory<?, ?> breakers, StranglerSplitProperties properties) {
        return new ServiceCall(breakers, properties);
    }

    @Bean
    StranglerSplitGatewayFilterFactory stranglerSplitGatewayFilterFactory(SplitRoutes routes, RouteOverride override,
                                                                          ServiceCall serviceCall) {
        return new StranglerSplitGatewayFilterFactory(routes, override, serviceCall);
    }

    @Bean
    ServedByFilter servedByFilter() {
        return new ServedByFilter();
    }

    @Bean
    @ConditionalOnMissingBean
    ParallelRun parallelRun(ParallelRunProperties properties, ObjectProvider<MeterRegistry> meters,
                            ObjectProvider<ObservationRegistry> observations) {
        return new ParallelRun(properties, meters.getIfAvailable(), observations.getIfAvailable(() -> ObservationRegistry.NOOP));
    }

    @Bean
    ParallelRunFilter parallelRunFilter(SplitRoutes routes, ParallelRun parallelRun,
                                        ObjectProvider<List<HttpHeadersFilter>> headersFilters, ParallelRunProperties properties) {
        return new ParallelRunFilter(routes, parallelRun, headersFilters, properties);
    }

    /**
     * A service's breaker opens when half of its last 20 calls failed (errors, 5xx, or slower than
     * strangler.split.service-timeout; at least 10 calls) and tries again after 5 s.
     */
    @Bean
    @ConditionalOnMissingBean(name = "serviceBreakers")
    Customizer<ReactiveResilience4JCircuitBreakerFactory> serviceBreakers(StranglerSplitProperties properties) {
        Duration timeout = properties.serviceTimeout();
        return factory -> factory.configureDefault(id -> new Resilience4JConfigBuilder(id)
                .timeLimiterConfig(TimeLimiterConfig.custom().timeoutDuration(timeout).build())
                .circuitBreakerConfig(CircuitBreakerConfig.custom()
                        .slidingWindowSize(20)
                        .minimumNumberOfCalls(10)
                        .failureRateThreshold(50)
                        .waitDurationInOpenState(Duration.ofSeconds(5))
                        .permittedNumberOfCallsInHalfOpenState(3)
                        .build())
                .build());
    }
}
