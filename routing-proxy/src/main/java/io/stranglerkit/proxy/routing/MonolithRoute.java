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
                .route(RouteTable.DEFAULT_ROUTE, r -> r.path("/**").uri(properties.monolithUrl()))
                .build();
    }
}
