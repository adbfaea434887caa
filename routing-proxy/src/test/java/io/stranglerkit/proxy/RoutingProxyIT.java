package io.stranglerkit.proxy;

import io.stranglerkit.proxy.admin.AdminServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The proxy against stub backends: splits, stickiness, admin API, persistence, fallback. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RoutingProxyIT {

    static final String TOKEN = "test-admin-token";
    static final StubBackend MONOLITH = new StubBackend("monolith");
    static final StubBackend SEARCH = new StubBackend("search-service");
    static final StubBackend CATALOG = new StubBackend("catalog-service");
    static final Path DATA = Path.of("target", "proxy-it-" + UUID.randomUUID()).toAbsolutePath();
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        ProxyFixture.pointAt(registry, MONOLITH, SEARCH, CATALOG, DATA, TOKEN, ProxyFixture.freePort(), MANAGEMENT_PORT);
        // The stubs say they are caught up (StubBackend's /status): compare again soon.
        registry.add("strangler.split.parallel-run.recheck-after", () -> "100ms");
    }

    static final int MANAGEMENT_PORT = ProxyFixture.freePort();

    @LocalServerPort
    int port;

    @Autowired
    AdminServer adminServer;

    @Autowired
    ReactiveResilience4JCircuitBreakerFactory breakers;

    @AfterAll
    static void stopBackends() {
        MONOLITH.close();
        SEARCH.close();
        CATALOG.close();
    }

    @BeforeEach
    void reset() throws Exception {
        SEARCH.behaviour = StubBackend.Behaviour.OK;
        breakers.getCircuitBreakerRegistry().getAllCircuitBreakers().forEach(cb -> cb.transitionToClosedState());
        for (String route : List.of("search", "catalog-read", "catalog-write")) {
            assertThat(admin("PUT", "/admin/routes/" + route, "{\"servicePercent\":0,\"sticky\":true,\"shadowPercent\":0}", TOKEN)
                    .statusCode()).isEqualTo(200);
        }
        MONOLITH.received.clear();
        SEARCH.received.clear();
        CATALOG.received.clear();
    }

    @Test
    void unmigratedRequestsGoToTheMonolithWithACorrelationId() throws Exception {
        HttpResponse<String> response = get("/api/orders/7?x=1", Map.of());
        assertThat(response.body()).isEqualTo("monolith");
        assertThat(response.headers().firstValue("X-Served-By")).hasValue("monolith");
        String id = response.headers().firstValue("X-Correlation-Id").orElseThrow();
        assertThat(response.headers().allValues("X-Correlation-Id")).as("once, though the backend echoes it").hasSize(1);
        StubBackend.Received received = MONOLITH.received.peek();
        assertThat(received.path()).isEqualTo("/api/orders/7");
        assertThat(received.query()).isEqualTo("x=1");
        assertThat(received.header("X-Correlation-Id")).isEqualTo(id);

        HttpResponse<String> withId = get("/api/orders/7", Map.of("X-Correlation-Id", "given-123"));
        assertThat(withId.headers().firstValue("X-Correlation-Id")).hasValue("given-123");
    }

    @Test
    void eachSidesContractIsLinkedThroughTheProxyAndSaysWhoAnswered() throws Exception {
        for (var side : Map.of("search-service", SEARCH, "catalog-service", CATALOG, "monolith", MONOLITH).entrySet()) {
            HttpResponse<String> docs = get("/v3/api-docs/" + side.getKey(), Map.of());
            assertThat(docs.body()).isEqualTo(side.getKey());
            assertThat(docs.headers().firstValue("X-Served-By")).hasValue(side.getKey());
            assertThat(side.getValue().received.peek().path()).isEqualTo("/v3/api-docs");
        }
        assertThat(get("/v3/api-docs", Map.of()).headers().firstValue("X-Served-By")).hasValue("monolith");
    }

    @Test
    void aNonStickySplitIsAccurateWithinTwoPoints() throws Exception {
        setRoute("search", "{\"servicePercent\":30,\"sticky\":false}");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        AtomicInteger service = new AtomicInteger();
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            futures.add(pool.submit(() -> {
                HttpResponse<String> r = get("/api/products/search?q=x", Map.of());
                assertThat(r.statusCode()).isEqualTo(200);
                if (r.body().equals("search-service")) {
                    service.incrementAndGet();
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        assertThat(service.get() / 100.0).isBetween(28.0, 32.0);
    }

    @Test
    void stickyClientsStayOnOneSideAndARampOnlyMovesThemForward() throws Exception {
        Map<String, Boolean> side = new HashMap<>();
        for (int percent = 0; percent <= 100; percent += 20) {
            setRoute("search", "{\"servicePercent\":" + percent + "}");
            for (int c = 0; c < 200; c++) {
                String client = "client-" + c;
                boolean onService = get("/api/products/search?q=x", Map.of("X-Client-Id", client)).body().equals("search-service");
                assertThat(get("/api/products/search?q=y", Map.of("X-Client-Id", client)).body().equals("search-service"))
                        .as("same side twice").isEqualTo(onService);
                Boolean before = side.put(client, onService);
                assertThat(before != null && before && !onService).as(client + " moved back at " + percent + "%").isFalse();
            }
        }
        assertThat(side.values()).allMatch(onService -> onService);
        for (int percent = 80; percent >= 0; percent -= 20) {
            setRoute("search", "{\"servicePercent\":" + percent + "}");
            for (int c = 0; c < 200; c++) {
                String client = "client-" + c;
                boolean onService = get("/api/products/search?q=x", Map.of("X-Client-Id", client)).body().equals("search-service");
                assertThat(!side.put(client, onService) && onService).as(client + " moved forward while lowering").isFalse();
            }
        }
    }

    @Test
    void withoutAClientIdTheProxySetsACookieThatKeepsTheSide() throws Exception {
        setRoute("search", "{\"servicePercent\":50}");
        HttpResponse<String> first = get("/api/products/search?q=x", Map.of());
        String cookie = first.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).startsWith("kit-client=").containsIgnoringCase("HttpOnly");
        String pair = cookie.substring(0, cookie.indexOf(';'));
        for (int i = 0; i < 20; i++) {
            assertThat(get("/api/products/search?q=x", Map.of("Cookie", pair)).body()).isEqualTo(first.body());
        }
    }

    @Test
    void xRouteToIsHonouredOnlyWithTheAdminToken() throws Exception {
        assertThat(get("/api/products/search?q=x", Map.of("X-Route-To", "service")).body()).isEqualTo("monolith");
        assertThat(get("/api/products/search?q=x", Map.of("X-Route-To", "service", "Authorization", "Bearer " + TOKEN)).body())
                .isEqualTo("search-service");
        setRoute("search", "{\"servicePercent\":100}");
        assertThat(get("/api/products/search?q=x", Map.of("X-Route-To", "monolith", "Authorization", "Bearer " + TOKEN)).body())
                .isEqualTo("monolith");
    }

    @Test
    void theAdminApiNeedsItsTokenAndRejectsBadInputChangingNothing() throws Exception {
        setRoute("search", "{\"servicePercent\":40}");
        assertThat(admin("GET", "/admin/routes", null, null).statusCode()).isEqualTo(401);
        assertThat(admin("PUT", "/admin/routes/search", "{\"servicePercent\":10}", "wrong").statusCode()).isEqualTo(401);
        Map<String, String> bad = Map.of(
                "{\"servicePercent\":150}", "servicePercent",
                "{\"servicePercent\":-1}", "servicePercent",
                "{\"servicePercent\":\"abc\"}", "servicePercent",
                "{\"servicePercent\":10.5}", "servicePercent",
                "{\"sticky\":\"yes\"}", "sticky",
                "{\"colour\":1}", "colour",
                "{}", "body",
                "", "body",
                "not json", "body");
        for (Map.Entry<String, String> input : bad.entrySet()) {
            HttpResponse<String> r = admin("PUT", "/admin/routes/search", input.getKey(), TOKEN);
            assertThat(r.statusCode()).as(input.getKey()).isEqualTo(400);
            assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(JSON.readTree(r.body()).get("errors").get(0).get("field").asString()).isEqualTo(input.getValue());
        }
        // Oversized bodies, with a length and chunked: 413 problem naming the body, never a 500.
        String huge = "{\"servicePercent\":10,\"pad\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}";
        // Several times: the answer must reach a client that is still sending (the connection closes after it).
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> declared = admin("PUT", "/admin/routes/search", huge, TOKEN);
            assertThat(declared.statusCode()).isEqualTo(413);
            assertThat(JSON.readTree(declared.body()).get("errors").get(0).get("field").asString()).isEqualTo("body");
        }
        HttpResponse<String> chunked = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminServer.port() + "/admin/routes/search"))
                .header("Authorization", "Bearer " + TOKEN)
                .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(huge.getBytes(java.nio.charset.StandardCharsets.UTF_8))))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(chunked.statusCode()).isEqualTo(413);
        assertThat(admin("PUT", "/admin/routes/nope", "{\"servicePercent\":10}", TOKEN).statusCode()).isEqualTo(404);
        JsonNode search = routes().valueStream().filter(r -> r.get("id").asString().equals("search")).findFirst().orElseThrow();
        assertThat(search.get("servicePercent").asInt()).isEqualTo(40);
        assertThat(search.get("target").asString()).isEqualTo("search-service");
    }

    @Test
    void quickAdminCallsInARowAreAllAnswered() throws Exception {
        // A change is answered from another thread; requests right behind it on one keep-alive
        // connection once went unread (reactor-netty#4361). Each call here would time out then.
        for (int i = 0; i < 100; i++) {
            setRoute("search", "{\"servicePercent\":" + (i % 2 == 0 ? 10 : 20) + "}");
            assertThat(admin("GET", "/admin/routes", null, null).statusCode()).isEqualTo(401);
            assertThat(admin("PUT", "/admin/routes/search", "{\"servicePercent\":10}", "wrong").statusCode()).isEqualTo(401);
        }
    }

    @Test
    void aChangeNamingAnOldTableVersionIsRefusedWith409() throws Exception {
        HttpResponse<String> list = admin("GET", "/admin/routes", null, TOKEN);
        String etag = list.headers().firstValue("ETag").orElseThrow();
        long version = Long.parseLong(etag.replace("\"", ""));
        assertThat(routes().get(0).get("version").asLong()).isEqualTo(version);
        setRoute("search", "{\"servicePercent\":10,\"version\":" + version + "}");
        HttpResponse<String> stale = admin("PUT", "/admin/routes/search", "{\"servicePercent\":20,\"version\":" + version + "}", TOKEN);
        assertThat(stale.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(stale.body()).get("errors").get(0).get("field").asString()).isEqualTo("version");
        assertThat(stale.body()).contains("version " + (version + 1));
        HttpResponse<String> staleIfMatch = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminServer.port() + "/admin/routes/search"))
                .header("Authorization", "Bearer " + TOKEN).header("If-Match", etag)
                .PUT(HttpRequest.BodyPublishers.ofString("{\"servicePercent\":20}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(staleIfMatch.statusCode()).isEqualTo(409);
        assertThat(admin("PUT", "/admin/routes/search", "{\"servicePercent\":20,\"version\":\"abc\"}", TOKEN).statusCode()).isEqualTo(400);
        assertThat(routes().get(0).get("servicePercent").asInt()).as("nothing changed").isEqualTo(10);
    }

    @Test
    void aShadowedReadIsComparedAfterTheClientsAnswerAndBadShadowSettingsChangeNothing() throws Exception {
        Map<String, String> bad = Map.of("{\"shadowPercent\":150}", "search", "{\"shadowPercent\":-1}", "search",
                "{\"shadowPercent\":\"abc\"}", "search", "{\"shadowPercent\":50}", "catalog-write",
                "{\"servicePercent\":50,\"shadowPercent\":150}", "catalog-read");
        for (Map.Entry<String, String> input : bad.entrySet()) {
            HttpResponse<String> r = admin("PUT", "/admin/routes/" + input.getValue(), input.getKey(), TOKEN);
            assertThat(r.statusCode()).as(input.getKey()).isEqualTo(400);
            assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(JSON.readTree(r.body()).get("errors").get(0).get("field").asString()).isEqualTo("shadowPercent");
        }
        for (JsonNode route : routes()) {
            assertThat(route.get("shadowPercent").asInt()).as(route.get("id").asString() + ": nothing changed").isZero();
            assertThat(route.get("servicePercent").asInt()).isZero();
        }

        assertThat(admin("DELETE", "/admin/diffs/search", null, TOKEN).statusCode()).isEqualTo(200);
        setRoute("search", "{\"shadowPercent\":100}");
        HttpResponse<String> answer = get("/api/products/search?q=tea", Map.of());
        assertThat(answer.body()).isEqualTo("monolith");
        assertThat(answer.headers().firstValue("X-Served-By")).hasValue("monolith");
        String correlationId = answer.headers().firstValue("X-Correlation-Id").orElseThrow();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> SEARCH.received.stream()
                .anyMatch(r -> "true".equals(r.header("X-Shadow")) && correlationId.equals(r.header("X-Correlation-Id"))
                        && "q=tea".equals(r.query())));
        JsonNode diffs = org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(
                () -> JSON.readTree(admin("GET", "/admin/diffs/search", null, TOKEN).body()), d -> d.get("different").asLong() == 1);
        assertThat(diffs.get("lagging").asLong()).isEqualTo(1);
        assertThat(diffs.get("parityPercent").asDouble()).isZero();
        assertThat(diffs.get("topPaths").get(0).get("path").asString()).isEqualTo("$");
        assertThat(diffs.get("samples").get(0).get("correlationId").asString()).isEqualTo(correlationId);
        assertThat(diffs.get("samples").get(0).get("primary").get("body").asString()).isEqualTo("monolith");

        String prometheus = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + MANAGEMENT_PORT + "/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(prometheus).containsPattern("strangler_parallel_run_total\\{[^}]*outcome=\"different\"[^}]*route=\"search\"[^}]*} 1\\.0");

        JsonNode all = JSON.readTree(admin("GET", "/admin/diffs", null, TOKEN).body());
        assertThat(all.valueStream().map(d -> d.get("route").asString())).containsExactly("search", "catalog-read");
        assertThat(admin("GET", "/admin/diffs/catalog-write", null, TOKEN).statusCode()).isEqualTo(400);
        assertThat(admin("GET", "/admin/diffs", null, "wrong").statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(admin("DELETE", "/admin/diffs/search", null, TOKEN).body()).get("compared").asLong()).isZero();
    }

    @Test
    void changesAreSavedAuditedAndSurviveARestart() throws Exception {
        setRoute("catalog-read", "{\"servicePercent\":35,\"sticky\":false,\"shadowPercent\":20}");
        assertThat(Files.readString(DATA.resolve("audit.log"))).contains("\"route\":\"catalog-read\"").contains("\"servicePercent\":[0,35]");
        // The same entries through the admin API, newest last (the console's event log reads them).
        JsonNode newest = JSON.readTree(admin("GET", "/admin/audit?limit=1", null, TOKEN).body());
        assertThat(newest).hasSize(1);
        assertThat(newest.get(0).get("route").asString()).isEqualTo("catalog-read");
        assertThat(newest.get(0).get("servicePercent").toString()).isEqualTo("[0,35]");
        for (String limit : new String[]{"0", "1001", "many"}) {
            HttpResponse<String> refused = admin("GET", "/admin/audit?limit=" + limit, null, TOKEN);
            assertThat(refused.statusCode()).as(limit).isEqualTo(400);
            assertThat(JSON.readTree(refused.body()).get("errors").get(0).get("field").asString()).isEqualTo("limit");
        }
        assertThat(admin("GET", "/admin/audit", null, "wrong").statusCode()).isEqualTo(401);
        // A real restart: the packaged proxy as its own process, on the same data directory.
        int adminPort = ProxyFixture.freePort();
        Process restarted = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                Path.of("target", "routing-proxy.jar").toAbsolutePath().toString(),
                "--server.port=" + ProxyFixture.freePort(), "--proxy.admin.port=" + adminPort, "--proxy.data-dir=" + DATA,
                "--proxy.monolith-url=" + MONOLITH.url(), "--proxy.admin.token=" + TOKEN)
                .redirectErrorStream(true)
                .redirectOutput(DATA.resolve("restarted.log").toFile())
                .start();
        try {
            HttpRequest list = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + "/admin/routes"))
                    .header("Authorization", "Bearer " + TOKEN).GET().build();
            JsonNode routes = org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(90))
                    .pollInterval(java.time.Duration.ofMillis(500))
                    .ignoreExceptions()
                    .until(() -> JSON.readTree(HTTP.send(list, HttpResponse.BodyHandlers.ofString()).body()), JsonNode::isArray);
            JsonNode catalogRead = routes.valueStream().filter(r -> r.get("id").asString().equals("catalog-read")).findFirst().orElseThrow();
            assertThat(catalogRead.get("servicePercent").asInt()).isEqualTo(35);
            assertThat(catalogRead.get("sticky").asBoolean()).isFalse();
            assertThat(catalogRead.get("shadowPercent").asInt()).isEqualTo(20);
        } finally {
            restarted.destroy();
            restarted.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    @Test
    void aFailingOrSlowServiceFallsBackToTheMonolithForReads() throws Exception {
        setRoute("search", "{\"servicePercent\":100}");
        SEARCH.behaviour = StubBackend.Behaviour.FAIL;
        HttpResponse<String> failed = get("/api/products/search?q=x", Map.of());
        assertThat(failed.statusCode()).isEqualTo(200);
        assertThat(failed.body()).isEqualTo("monolith");
        assertThat(failed.headers().firstValue("X-Served-By")).hasValue("monolith");
        assertThat(failed.headers().firstValue("X-Fallback")).hasValueSatisfying(v -> assertThat(v).contains("answered 500"));

        SEARCH.behaviour = StubBackend.Behaviour.SLOW;
        HttpResponse<String> slow = get("/api/products/search?q=x", Map.of());
        assertThat(slow.body()).isEqualTo("monolith");
        assertThat(slow.headers().firstValue("X-Fallback")).hasValueSatisfying(v -> assertThat(v).contains("did not answer"));
    }

    @Test
    void aDeadServiceFallsBackForReadsButWritesAreNeverReplayed() throws Exception {
        setRoute("catalog-read", "{\"servicePercent\":100}");
        setRoute("catalog-write", "{\"servicePercent\":100}");
        assertThat(get("/api/products/5", Map.of()).body()).isEqualTo("catalog-service");
        CATALOG.close();

        HttpResponse<String> read = get("/api/products/5", Map.of());
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.body()).isEqualTo("monolith");
        assertThat(read.headers().firstValue("X-Fallback")).hasValueSatisfying(v -> assertThat(v).contains("unreachable"));

        MONOLITH.received.clear();
        HttpResponse<String> write = HTTP.send(HttpRequest.newBuilder(URI.create(base() + "/api/products"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"sku\":\"A\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(write.statusCode()).isIn(502, 503);
        assertThat(write.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(write.headers().firstValue("X-Served-By")).hasValue("catalog-service");
        assertThat(write.body()).contains("not sent to the monolith");
        assertThat(MONOLITH.received).noneMatch(r -> r.method().equals("POST"));
    }

    @Test
    void changingTheSplitUnderLoadFailsNoRequest() throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        for (int t = 0; t < 6; t++) {
            int worker = t;
            pool.submit(() -> {
                int i = 0;
                while (running.get()) {
                    try {
                        HttpResponse<String> r = get("/api/products/search?q=" + i, Map.of("X-Client-Id", "load-" + worker + "-" + i++));
                        (r.statusCode() == 200 ? ok : failed).incrementAndGet();
                    } catch (Exception e) {
                        failed.incrementAndGet();
                    }
                }
            });
        }
        for (int percent : new int[]{10, 50, 100, 0, 70, 30}) {
            setRoute("search", "{\"servicePercent\":" + percent + "}");
            Thread.sleep(300);
        }
        running.set(false);
        pool.shutdown();
        assertThat(pool.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(failed.get()).isZero();
        assertThat(ok.get()).isGreaterThan(100);
    }

    @Test
    void statsShowEachRouteAndBackend() throws Exception {
        admin("POST", "/admin/stats/reset", "", TOKEN);
        setRoute("search", "{\"servicePercent\":50,\"sticky\":false}");
        for (int i = 0; i < 200; i++) {
            get("/api/products/search?q=x", Map.of());
        }
        Thread.sleep(1_200);
        JsonNode stats = JSON.readTree(admin("GET", "/admin/stats", null, TOKEN).body());
        List<String> pairs = stats.get("rows").valueStream().map(r -> r.get("route").asString() + "/" + r.get("backend").asString()).toList();
        assertThat(pairs).contains("search/monolith", "search/search-service");
        JsonNode row = stats.get("rows").get(0);
        assertThat(row.get("sinceReset").get("count").asLong()).isPositive();
        assertThat(row.get("lastMinute").get("p95Ms").asDouble()).isPositive();
        String prometheus = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + MANAGEMENT_PORT + "/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(prometheus).contains("proxy_requests_seconds_bucket").contains("route=\"search\"");
    }

    @Test
    void thePublicPortServesNoActuatorNotEvenTheMonolithsThroughTheCatchAllRoute() throws Exception {
        for (String path : List.of("/actuator", "/actuator/health", "/actuator/prometheus", "/actuator/env")) {
            HttpResponse<String> r = get(path, Map.of());
            assertThat(r.statusCode()).as(path).isEqualTo(404);
            assertThat(r.headers().firstValue("X-Served-By")).as(path + " never reaches a backend").isEmpty();
            assertThat(r.body()).doesNotContain("proxy_requests_seconds");
        }
        assertThat(MONOLITH.received).noneMatch(received -> received.path().startsWith("/actuator"));
        HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + MANAGEMENT_PORT + "/actuator/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"UP\"");
    }

    private void setRoute(String id, String body) throws Exception {
        HttpResponse<String> r = admin("PUT", "/admin/routes/" + id, body, TOKEN);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    private JsonNode routes() throws Exception {
        return JSON.readTree(admin("GET", "/admin/routes", null, TOKEN).body());
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }

    private HttpResponse<String> get(String path, Map<String, String> headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path)).timeout(java.time.Duration.ofSeconds(30)).GET();
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> admin(String method, String path, String body, String token) throws IOException, InterruptedException {
        return ProxyFixture.admin(adminServer.port(), method, path, body, token);
    }
}
