package io.stranglerkit.proxy.routing;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import io.stranglerkit.proxy.ProxyProperties;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JConfigBuilder;
import org.springframework.cloud.client.circuitbreaker.Customizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;

/** The circuit breakers {@link StranglerRoutingFilter} calls extracted services through. */
@Configuration
public class ServiceCircuitBreakers {

    /**
     * One circuit breaker per extracted service. It opens when half of the last 20 calls failed
     * (errors, 5xx, or slower than proxy.service-timeout) and tries again after 5 s.
     */
    @Bean
    Customizer<ReactiveResilience4JCircuitBreakerFactory> serviceBreakers(ProxyProperties properties) {
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
