package io.stranglerkit.proxy.routing;

import org.springframework.cloud.gateway.config.GatewayProperties;
import org.springframework.cloud.gateway.handler.predicate.PredicateDefinition;
import org.springframework.cloud.gateway.route.RouteDefinition;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** What requests a configured route takes, read back from its Method and Path predicates, for the admin API. */
@Component
public class RouteDescriptions {

    public record Description(List<String> methods, List<String> paths) {

        /** Only GET/HEAD: its requests may be shadowed. A route without a Method predicate takes writes too. */
        public boolean readsOnly() {
            return !methods.isEmpty() && methods.stream().allMatch(m -> m.equals("GET") || m.equals("HEAD"));
        }
    }

    private final Map<String, Description> byId;

    public RouteDescriptions(GatewayProperties gateway) {
        this.byId = gateway.getRoutes().stream().collect(Collectors.toMap(RouteDefinition::getId, RouteDescriptions::describe,
                (first, second) -> first));
    }

    public Description of(String routeId) {
        return byId.getOrDefault(routeId, new Description(List.of(), List.of()));
    }

    private static Description describe(RouteDefinition route) {
        List<String> methods = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        for (PredicateDefinition predicate : route.getPredicates()) {
            if (predicate.getName().equals("Method")) {
                predicate.getArgs().values().forEach(m -> methods.add(m.toUpperCase()));
            } else if (predicate.getName().equals("Path")) {
                paths.addAll(predicate.getArgs().values());
            }
        }
        return new Description(methods.stream().sorted().toList(), List.copyOf(paths));
    }
}
