package io.stranglerkit.proxy.admin;

import io.stranglerkit.platform.admin.AdminToken;
import io.stranglerkit.platform.problem.FieldProblem;
import io.stranglerkit.proxy.ProxyProperties;
import io.stranglerkit.proxy.ramp.Ramp;
import io.stranglerkit.proxy.ramp.RampController;
import io.stranglerkit.proxy.ramp.RampHandlers;
import io.stranglerkit.proxy.routing.AppliedRouteTable;
import io.stranglerkit.proxy.routing.RouteDescriptions;
import io.stranglerkit.proxy.routing.RouteTableWriter;
import io.stranglerkit.proxy.stats.RouteStats;
import io.stranglerkit.proxy.stats.StatsAcrossReplicas;
import io.stranglerkit.proxy.web.CorrelationIdFilter;
import io.stranglerkit.split.SplitRoute;
import io.stranglerkit.split.SplitRoutes;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.HandlerFilterFunction;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * The admin API (served on its own port by {@link AdminServer}):
 * GET /admin/routes, PUT /admin/routes/{id}, GET /admin/stats, POST /admin/stats/reset, the
 * parallel run's results ({@link DiffHandlers}) and the ramps ({@link RampHandlers}). A route a ramp
 * holds refuses a manual change with 409, unless {@code ?force=true} aborts the ramp first.
 * A change may name the table version it was made against ({@code If-Match} or {@code "version"});
 * a stale one is refused with 409.
 * Every call needs {@code Authorization: Bearer <token>}; every error is problem+json.
 */
@Component
public class AdminHandlers {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final SplitRoutes routes;
    private final RouteDescriptions descriptions;
    private final AppliedRouteTable table;
    private final String replica;
    private final AcrossReplicas acrossReplicas;
    private final RouteAdmin admin;
    private final RouteStats stats;
    private final AdminToken token;
    private final DiffHandlers diffs;
    private final RampHandlers rampHandlers;
    private final RampController ramps;

    public AdminHandlers(SplitRoutes routes, RouteDescriptions descriptions, AppliedRouteTable table, RouteAdmin admin,
                         RouteStats stats, AdminToken token, ProxyProperties properties, AcrossReplicas acrossReplicas,
                         DiffHandlers diffs, RampHandlers rampHandlers, RampController ramps) {
        this.diffs = diffs;
        this.rampHandlers = rampHandlers;
        this.ramps = ramps;
        this.acrossReplicas = acrossReplicas;
        this.routes = routes;
        this.descriptions = descriptions;
        this.table = table;
        this.replica = properties.replica();
        this.admin = admin;
        this.stats = stats;
        this.token = token;
    }

    public RouterFunction<ServerResponse> router() {
        return RouterFunctions.route()
                .GET("/admin/routes", request -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON)
                        .eTag(ExpectedVersion.etag(table.version()))
                        .bodyValue(routes.all().stream().map(this::view).toList()))
                .PUT("/admin/routes/{id}", this::update)
                .GET("/admin/stats", request -> request.queryParam("scope").filter("replicas"::equals).isPresent()
                        ? mergedStats(request).flatMap(AdminHandlers::ok)
                        : ok(statsView(request.queryParam("histograms").filter("true"::equals).isPresent())))
                .POST("/admin/stats/reset", request -> {
                    stats.reset();
                    return ok(statsView(false));
                })
                .GET("/admin/audit", this::audit)
                .add(diffs.router())
                .add(rampHandlers.router())
                .filter(authenticated())
                .build();
    }

    private HandlerFilterFunction<ServerResponse, ServerResponse> authenticated() {
        return (request, next) -> token.accepts(request.headers().firstHeader(HttpHeaders.AUTHORIZATION))
                ? next.handle(request)
                : problem(HttpStatus.UNAUTHORIZED, "a valid admin token is required: send 'Authorization: Bearer <token>'", null, null)
                .map(r -> r);
    }

    private Mono<ServerResponse> update(ServerRequest request) {
        String id = request.pathVariable("id");
        SplitRoute route = routes.get(id);
        if (route == null) {
            return noSuchRoute(id, routes);
        }
        return AdminBody.read(request).flatMap(body -> {
            JsonNode json;
            try {
                json = body.isBlank() ? null : JSON.readTree(body);
            } catch (JacksonException e) {
                return problem(HttpStatus.BAD_REQUEST, "the body is not valid JSON", "body", "is not valid JSON");
            }
            RouteChange change;
            try {
                change = RouteChange.parse(json, request.headers().firstHeader(HttpHeaders.IF_MATCH), id,
                        descriptions.of(id).readsOnly());
            } catch (RouteChange.Invalid e) {
                return problem(HttpStatus.BAD_REQUEST, e.getMessage(), e.field, e.reason);
            }
            boolean force = request.queryParam("force").filter("true"::equals).isPresent();
            if (ramps.holds(id) && !force) {
                Ramp ramp = ramps.get(id).orElseThrow();
                return problem(HttpStatus.CONFLICT, id + " is being ramped (" + ramp.state() + " at " + ramp.plan().steps()
                        .get(ramp.step()) + "%): abort the ramp first (kit ramp abort " + id + "), or repeat with ?force=true"
                        + " (kit route set --force) to abort it and apply this change", "route", "is being ramped");
            }
            String given = request.headers().firstHeader(CorrelationIdFilter.HEADER);
            String correlationId = given == null ? UUID.randomUUID().toString() : given;
            // Committing waits for Kafka when replicas share the table, and a forced change waits for the ramps' analysis:
            // off the admin server's event loop.
            return toCompletion(() -> ramps.changedByHand(id, actor(request), () -> admin.change(route, change, actor(request),
                            correlationId)))
                    .flatMap(committed -> ok(view(route)))
                    .onErrorResume(RouteTableWriter.StaleVersionException.class, e -> problem(HttpStatus.CONFLICT, e.getMessage(),
                            "version", "is " + e.currentVersion + " now"))
                    .onErrorResume(RouteTableWriter.UnavailableException.class, e -> problem(HttpStatus.SERVICE_UNAVAILABLE,
                            e.getMessage(), null, null));
        }).onErrorResume(AdminBody.TooLarge.class, e -> tooLarge());
    }

    /** The newest route changes and ramp transitions this replica made, oldest first: {@code ?limit=1..1000} (100). */
    private Mono<ServerResponse> audit(ServerRequest request) {
        String given = request.queryParam("limit").orElse("100");
        int limit;
        try {
            limit = Integer.parseInt(given);
        } catch (NumberFormatException e) {
            limit = 0;
        }
        if (limit < 1 || limit > 1000) {
            return problem(HttpStatus.BAD_REQUEST, "limit must be a whole number from 1 to 1000, was '" + given + "'", "limit",
                    "must be a whole number from 1 to 1000");
        }
        int entries = limit;
        return Mono.fromCallable(() -> admin.recent(entries)).subscribeOn(Schedulers.boundedElastic()).flatMap(AdminHandlers::ok);
    }

    /**
     * Work that commits to the route table, off the admin server's event loop, run to its end even when the caller hangs up.
     * Cancelling it would interrupt the commit: a change committed to Kafka could then apply without its audit line.
     */
    public static <T> Mono<T> toCompletion(Callable<T> work) {
        return Mono.fromFuture(() -> CompletableFuture.supplyAsync(() -> {
            try {
                return work.call();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        }, task -> Schedulers.boundedElastic().schedule(task)), true);
    }

    public static Mono<ServerResponse> tooLarge() {
        return problem(HttpStatus.PAYLOAD_TOO_LARGE, "the request body is too large: it must be at most " + AdminBody.MAX_BYTES / 1024
                + " KB", "body", "must be at most " + AdminBody.MAX_BYTES / 1024 + " KB");
    }

    /** Who made a change: X-Actor when the caller names itself, and where it called from. */
    public static String actor(ServerRequest request) {
        String named = request.headers().firstHeader("X-Actor");
        String from = request.remoteAddress().map(InetSocketAddress::getHostString).orElse("unknown");
        return (named == null || named.isBlank() ? "admin-token holder" : named.strip()) + " from " + from;
    }

    private Map<String, Object> view(SplitRoute route) {
        RouteDescriptions.Description description = descriptions.of(route.id());
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", route.id());
        view.put("servicePercent", route.split().servicePercent());
        view.put("sticky", route.split().sticky());
        view.put("shadowPercent", route.split().shadowPercent());
        view.put("shadowable", description.readsOnly());
        view.put("target", route.service());
        view.put("targetUrl", route.serviceBaseUrl());
        view.put("methods", description.methods());
        view.put("paths", description.paths());
        view.put("version", table.version());
        view.put("replica", replica);
        return view;
    }

    /** The last minute of every replica together: their latency histograms added, not their percentiles averaged. */
    private Mono<Map<String, Object>> mergedStats(ServerRequest request) {
        return acrossReplicas.ask("/admin/stats?histograms=true", request.headers().firstHeader(HttpHeaders.AUTHORIZATION),
                        () -> statsView(true))
                .map(answers -> Map.of("windowSeconds", 60, "replicas", answers.who(),
                        "rows", StatsAcrossReplicas.merge(answers.answers()).get("rows")));
    }

    /** With histograms=true each row carries its last minute's latencies, for merging replicas (scope=replicas). */
    private Map<String, Object> statsView(boolean histograms) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("windowSeconds", 60);
        view.put("since", stats.resetAt().toString());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (RouteStats.Row row : stats.rows(histograms)) {
            if (row.sinceReset().count() == 0) {
                continue;
            }
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("route", row.route());
            r.put("backend", row.backend());
            r.put("lastMinute", row.lastMinute());
            r.put("sinceReset", row.sinceReset());
            if (histograms) {
                r.put("lastMinuteHistogram", row.lastMinuteHistogram());
            }
            rows.add(r);
        }
        view.put("rows", rows);
        return view;
    }

    /** The route named by the path variable, handed to {@code handler}; 404 problem+json when there is none. */
    public static Mono<ServerResponse> withRoute(ServerRequest request, String variable, SplitRoutes routes,
                                                 Function<SplitRoute, Mono<ServerResponse>> handler) {
        SplitRoute route = routes.get(request.pathVariable(variable));
        return route == null ? noSuchRoute(request.pathVariable(variable), routes) : handler.apply(route);
    }

    private static Mono<ServerResponse> noSuchRoute(String id, SplitRoutes routes) {
        return problem(HttpStatus.NOT_FOUND, "no route '" + id + "'; routes are " + routes.all().stream().map(SplitRoute::id).toList(),
                "route", "is not a route with a split");
    }

    public static Mono<ServerResponse> ok(Object body) {
        return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(body);
    }

    public static Mono<ServerResponse> problem(HttpStatus status, String detail, String field, String reason) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", status.getReasonPhrase());
        body.put("status", status.value());
        body.put("detail", detail);
        if (field != null) {
            body.put("errors", List.of(new FieldProblem(field, reason)));
        }
        ServerResponse.BodyBuilder builder = ServerResponse.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (status == HttpStatus.UNAUTHORIZED) {
            builder.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        if (status == HttpStatus.SERVICE_UNAVAILABLE) {
            builder.header(HttpHeaders.RETRY_AFTER, "5");
        }
        return builder.bodyValue(body);
    }
}
