package io.stranglerkit.split;

import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * Who may force a side with {@code X-Route-To: service|monolith}. The default allows it only when
 * {@code strangler.split.allow-route-override=true}; an application replaces this bean to allow it
 * for its operators (the kit: holders of the admin token).
 */
@FunctionalInterface
public interface RouteOverride {

    boolean allowed(ServerHttpRequest request);
}
