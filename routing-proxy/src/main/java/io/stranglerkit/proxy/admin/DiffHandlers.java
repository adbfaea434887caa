package io.stranglerkit.proxy.admin;

import io.stranglerkit.proxy.ProxyProperties;
import io.stranglerkit.proxy.routing.RouteDescriptions;
import io.stranglerkit.split.SplitRoute;
import io.stranglerkit.split.SplitRoutes;
import io.stranglerkit.split.parallel.ParallelRun;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The parallel run's results, per read route, as this replica compared them:
 * GET /admin/diffs, GET /admin/diffs/{route} (with {@code ?scope=replicas}: every replica's together),
 * DELETE /admin/diffs/{route} (starts the route's count over on this replica).
 */
@Component
public class DiffHandlers {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final SplitRoutes routes;
    private final RouteDescriptions descriptions;
    private final ParallelRun parallelRun;
    private final String replica;

    private final AcrossReplicas acrossReplicas;

    public DiffHandlers(SplitRoutes routes, RouteDescriptions descriptions, ParallelRun parallelRun, ProxyProperties properties,
                        AcrossReplicas acrossReplicas) {
        this.acrossReplicas = acrossReplicas;
        this.routes = routes;
        this.descriptions = descriptions;
        this.parallelRun = parallelRun;
        this.replica = properties.replica();
    }

    RouterFunction<ServerResponse> router() {
        return RouterFunctions.route()
                .GET("/admin/diffs", request -> AdminHandlers.ok(routes.all().stream()
                        .filter(route -> descriptions.of(route.id()).readsOnly()).map(this::view).toList()))
                .GET("/admin/diffs/{route}", request -> withReadRoute(request, route -> request.queryParam("scope")
                        .filter("replicas"::equals).isPresent() ? merged(request, route) : AdminHandlers.ok(view(route))))
                .DELETE("/admin/diffs/{route}", request -> withReadRoute(request, route -> {
                    parallelRun.results(route.id()).reset();
                    return AdminHandlers.ok(view(route));
                }))
                .build();
    }

    private Mono<ServerResponse> merged(ServerRequest request, SplitRoute route) {
        return acrossReplicas.ask("/admin/diffs/" + route.id(), request.headers().firstHeader(HttpHeaders.AUTHORIZATION), () -> view(route))
                .flatMap(answers -> {
                    ObjectNode merged = DiffsAcrossReplicas.merge(answers.answers());
                    merged.put("replica", "all");
                    merged.set("replicas", JSON.valueToTree(answers.who()));
                    return AdminHandlers.ok(merged);
                });
    }

    private Mono<ServerResponse> withReadRoute(ServerRequest request, Function<SplitRoute, Mono<ServerResponse>> handler) {
        return AdminHandlers.withRoute(request, "route", routes, route -> readsOnly(route, handler));
    }

    private Mono<ServerResponse> readsOnly(SplitRoute route, Function<SplitRoute, Mono<ServerResponse>> handler) {
        String id = route.id();
        if (!descriptions.of(id).readsOnly()) {
            return AdminHandlers.problem(HttpStatus.BAD_REQUEST, id + " takes writes, and writes are never shadowed: it has no parallel run",
                    "route", "takes writes");
        }
        return handler.apply(route);
    }

    private Map<String, Object> view(SplitRoute route) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("route", route.id());
        view.put("shadowPercent", route.split().shadowPercent());
        view.put("primary", route.split().servicePercent() == 100 ? route.service()
                : route.split().servicePercent() == 0 ? "monolith" : "split");
        view.put("replica", replica);
        Map<String, Object> results = parallelRun.results(route.id()).view();
        results.remove("route");
        view.putAll(results);
        return view;
    }
}
