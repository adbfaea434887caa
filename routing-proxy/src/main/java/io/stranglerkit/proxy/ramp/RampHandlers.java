package io.stranglerkit.proxy.ramp;

import io.stranglerkit.proxy.admin.AdminBody;
import io.stranglerkit.proxy.admin.AdminHandlers;
import io.stranglerkit.proxy.routing.RouteTableWriter;
import io.stranglerkit.split.SplitRoute;
import io.stranglerkit.split.SplitRoutes;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ramps' admin API: POST /admin/ramps (a plan), GET /admin/ramps, GET /admin/ramps/{route},
 * POST /admin/ramps/{route}/pause|resume|abort, and GET /admin/ramps/{route}/totals (this replica's
 * counts, which the replica running a ramp adds up).
 */
@Component
public class RampHandlers {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final RampController ramps;
    private final RampReadings readings;
    private final SplitRoutes routes;

    RampHandlers(RampController ramps, RampReadings readings, SplitRoutes routes) {
        this.ramps = ramps;
        this.readings = readings;
        this.routes = routes;
    }

    public RouterFunction<ServerResponse> router() {
        return RouterFunctions.route()
                .POST("/admin/ramps", this::start)
                .GET("/admin/ramps", request -> AdminHandlers.ok(ramps.all().stream().map(this::view).toList()))
                .GET("/admin/ramps/{route}", request -> withRoute(request, route -> ramps.get(route.id())
                        .map(ramp -> AdminHandlers.ok(view(ramp)))
                        .orElseGet(() -> AdminHandlers.problem(HttpStatus.NOT_FOUND, route.id() + " has no ramp: start one with POST /admin/ramps"
                                + " or kit ramp " + route.id() + " --steps 10,50,100 --hold 60s", "route", "has no ramp"))))
                .GET("/admin/ramps/{route}/totals", request -> withRoute(request, route -> AdminHandlers.ok(readings.own(route).toJson())))
                .POST("/admin/ramps/{route}/pause", request -> act(request, ramps::pause))
                .POST("/admin/ramps/{route}/resume", request -> act(request, ramps::resume))
                .POST("/admin/ramps/{route}/abort", request -> act(request, ramps::abort))
                .build();
    }

    private interface Action {
        Ramp apply(String routeId, String actor) throws RampRefused;
    }

    private Mono<ServerResponse> start(ServerRequest request) {
        return AdminBody.read(request).flatMap(body -> {
            RampPlan plan;
            try {
                JsonNode json = body.isBlank() ? null : JSON.readTree(body);
                plan = RampPlan.parse(json);
            } catch (JacksonException e) {
                return AdminHandlers.problem(HttpStatus.BAD_REQUEST, "the body is not valid JSON", "body", "is not valid JSON");
            } catch (RampPlan.Invalid e) {
                return AdminHandlers.problem(HttpStatus.BAD_REQUEST, e.getMessage(), e.field, e.reason);
            }
            String actor = AdminHandlers.actor(request);
            return blocking(() -> ramps.start(plan, actor))
                    .flatMap(ramp -> ServerResponse.created(URI.create("/admin/ramps/" + plan.route()))
                            .contentType(MediaType.APPLICATION_JSON).bodyValue(view(ramp)));
        }).onErrorResume(RampRefused.class, RampHandlers::refused)
                .onErrorResume(AdminBody.TooLarge.class, e -> AdminHandlers.tooLarge())
                .onErrorResume(RouteTableWriter.UnavailableException.class, e -> AdminHandlers.problem(HttpStatus.SERVICE_UNAVAILABLE,
                        e.getMessage(), null, null));
    }

    private Mono<ServerResponse> act(ServerRequest request, Action action) {
        return withRoute(request, route -> blocking(() -> action.apply(route.id(), AdminHandlers.actor(request)))
                .flatMap(ramp -> AdminHandlers.ok(view(ramp)))
                .onErrorResume(RampRefused.class, RampHandlers::refused)
                .onErrorResume(RouteTableWriter.UnavailableException.class, e -> AdminHandlers.problem(HttpStatus.SERVICE_UNAVAILABLE,
                        e.getMessage(), null, null)));
    }

    private interface Blocking {
        Ramp call() throws RampRefused;
    }

    /** Ramps read every replica and commit to the route table: off the admin server's event loop, and to the end. */
    private static Mono<Ramp> blocking(Blocking call) {
        return AdminHandlers.toCompletion(call::call);
    }

    private static Mono<ServerResponse> refused(RampRefused e) {
        return AdminHandlers.problem(HttpStatus.valueOf(e.status), e.getMessage(), e.field, e.reason);
    }

    private Mono<ServerResponse> withRoute(ServerRequest request, java.util.function.Function<SplitRoute, Mono<ServerResponse>> handler) {
        return AdminHandlers.withRoute(request, "route", routes, handler);
    }

    /**
     * A ramp as the API shows it: where it is first, then its plan, its steps and its history.
     * {@code percent} is the step's; {@code routePercent} what the route serves now (0 after a rollback).
     */
    private Map<String, Object> view(Ramp ramp) {
        RampPlan plan = ramp.plan();
        SplitRoute route = routes.get(plan.route());
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("route", plan.route());
        view.put("state", ramp.state().equals(Ramp.DRAINING) ? "rolled-back, draining" : ramp.state());
        view.put("reason", ramp.reason());
        view.put("step", ramp.step() + 1);
        view.put("of", plan.steps().size());
        view.put("percent", ramp.percent());
        view.put("routePercent", route == null ? null : route.split().servicePercent());
        view.put("target", route == null ? null : route.service());
        view.put("stepStartedAt", ramp.stepStartedAt().toString());
        view.put("rollback", ramp.rollback());
        Map<String, Object> planView = new LinkedHashMap<>();
        planView.put("steps", plan.steps());
        planView.put("holdSeconds", plan.hold().toMillis() / 1000.0);
        planView.put("maxErrorRatePercent", plan.maxErrorRatePercent());
        planView.put("maxP99Ratio", plan.maxP99Ratio());
        planView.put("maxP99Ms", plan.maxP99Ms());
        planView.put("maxFallbacks", plan.maxFallbacks());
        planView.put("minParityPercent", plan.minParityPercent());
        planView.put("maxLagSeconds", plan.maxLagSeconds());
        planView.put("minRequests", plan.minRequests());
        planView.put("loadPerSecond", plan.loadPerSecond());
        planView.put("rollbackTo", plan.toLastGood() ? "last-good-step" : "zero");
        view.put("plan", planView);
        view.put("steps", ramp.steps());
        view.put("history", ramp.history());
        view.put("startedBy", ramp.startedBy());
        return view;
    }
}
