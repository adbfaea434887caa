package io.stranglerkit.proxy.routing;

import io.stranglerkit.proxy.ProxyProperties;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The gateway's one route: everything goes to the monolith unless {@link StranglerRoutingFilter} picks a service. */
@Configuration
public class MonolithRoute {

    @Bean
    RouteLocator monolithByDefault(RouteLocatorBuilder builder, ProxyProperties properties) {
        return builder.routes()
                // The proxy answers a client's "Expect: 100-continue" itself and sends the body on at once.
                // A backend that saw the header would refuse an oversized body without reading it and
                // close, and the proxy would report that reset as a 502 instead of the backend's 413.
                .route(RouteTable.DEFAULT_ROUTE, r -> r.path("/**").filters(f -> f.removeRequestHeader("Expect"))
                        .uri(properties.monolithUrl()))
                .build();
    }
}
