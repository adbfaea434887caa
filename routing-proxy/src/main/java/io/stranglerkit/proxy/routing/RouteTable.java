package io.stranglerkit.proxy.routing;

import io.stranglerkit.proxy.ProxyProperties;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.web.util.pattern.PathPatternParser;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The migratable routes in configuration order (first match wins), with their persisted splits. */
@Component
public class RouteTable {

    public static final String MONOLITH = "monolith";
    public static final String DEFAULT_ROUTE = "default";

    private final List<MigratableRoute> routes;
    private final Map<String, MigratableRoute> byId = new LinkedHashMap<>();
    private final String monolithBaseUrl;

    public RouteTable(ProxyProperties properties, RouteStore store) {
        this.monolithBaseUrl = MigratableRoute.stripTrailingSlash(properties.monolithUrl().toString());
        Map<String, MigratableRoute.Split> saved = store.load();
        List<MigratableRoute> compiled = new ArrayList<>();
        for (ProxyProperties.RouteDefinition definition : properties.routes()) {
            URI serviceUrl = properties.services().get(definition.service());
            if (serviceUrl == null) {
                throw new IllegalStateException("route '" + definition.id() + "' names service '" + definition.service()
                        + "', which is not under proxy.services " + properties.services().keySet());
            }
            MigratableRoute route = new MigratableRoute(definition.id(), definition.service(), serviceUrl,
                    definition.methods().stream().map(m -> HttpMethod.valueOf(m.toUpperCase())).collect(Collectors.toSet()),
                    definition.paths().stream().map(PathPatternParser.defaultInstance::parse).toList(),
                    saved.getOrDefault(definition.id(), new MigratableRoute.Split(0, true)));
            compiled.add(route);
            byId.put(route.id(), route);
        }
        this.routes = List.copyOf(compiled);
    }

    /** @return the first route matching, or null: the request is not migratable and goes to the monolith */
    public MigratableRoute match(HttpMethod method, PathContainer path) {
        for (MigratableRoute route : routes) {
            if (route.matches(method, path)) {
                return route;
            }
        }
        return null;
    }

    public MigratableRoute get(String id) {
        return byId.get(id);
    }

    public List<MigratableRoute> all() {
        return routes;
    }

    public String monolithBaseUrl() {
        return monolithBaseUrl;
    }

    public Map<String, MigratableRoute.Split> splits() {
        Map<String, MigratableRoute.Split> splits = new LinkedHashMap<>();
        routes.forEach(r -> splits.put(r.id(), r.split()));
        return splits;
    }

    /** Every backend name a request can be served by: the monolith and each configured service. */
    public List<String> backends() {
        List<String> names = new ArrayList<>(List.of(MONOLITH));
        routes.stream().map(MigratableRoute::service).distinct().forEach(names::add);
        return names;
    }
}
