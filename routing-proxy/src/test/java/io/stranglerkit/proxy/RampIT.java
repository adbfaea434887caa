package io.stranglerkit.proxy;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/** Ramps against stub backends: promotion, rollback on errors and latency, pausing on no data, refusals, a restart, draining. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RampIT {

    static final String TOKEN = "ramp-it-token";
    static final StubBackend MONOLITH = new StubBackend("monolith");
    static final StubBackend SEARCH = new StubBackend("search-service");
    static final StubBackend CATALOG = new StubBackend("catalog-service");
    static final Path DATA = Path.of("target", "ramp-it-" + UUID.randomUUID()).toAbsolutePath();
    static final int ADMIN_PORT = ProxyFixture.freePort();
    static final int MANAGEMENT_PORT = ProxyFixture.freePort();
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient HTTP = ProxyFixture.HTTP;

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        ProxyFixture.pointAt(registry, MONOLITH, SEARCH, CATALOG, DATA, TOKEN, ADMIN_PORT, MANAGEMENT_PORT);
        registry.add("proxy.ramp.interval", () -> "250ms");
    }

    @AfterAll
    static void stopBackends() {
        MONOLITH.close();
        SEARCH.close();
        CATALOG.close();
    }

    @BeforeEach
    void reset() throws Exception {
        SEARCH.behaviour = StubBackend.Behaviour.OK;
        SEARCH.delayMillis = 0;
        for (String route : List.of("search", "catalog-read", "catalog-write")) {
            admin("POST", "/admin/ramps/" + route + "/abort", "");
            assertThat(admin("PUT", "/admin/routes/" + route + "?force=true", "{\"servicePercent\":0,\"sticky\":true,\"shadowPercent\":0}")
                    .statusCode()).isEqualTo(200);
        }
        SEARCH.received.clear();
    }

    @Test
    void aHealthyServiceIsRampedToAHundredPercentStepByStep() throws Exception {
        HttpResponse<String> started = admin("POST", "/admin/ramps",
                // A JVM this fresh has not compiled the proxy's path yet: its p99s say nothing about the service.
                "{\"route\":\"search\",\"steps\":[50,100],\"hold\":\"2s\",\"minRequests\":10,\"loadPerSecond\":40,\"maxP99Ms\":2000}");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
        assertThat(started.headers().firstValue("Location")).hasValue("/admin/ramps/search");
        assertThat(percent("search")).isEqualTo(50);

        JsonNode done = awaitRamp("search", r -> r.get("state").asString().equals("completed"), 30);
        assertThat(percent("search")).isEqualTo(100);
        assertThat(done.get("steps").valueStream().map(s -> s.get("verdict").asString()).toList()).containsExactly("passed", "passed");
        JsonNode lastChecks = done.get("steps").get(1).get("checks");
        assertThat(lastChecks.valueStream().map(c -> c.get("check").asString()).toList())
                .containsExactly("requests", "error-rate", "p99", "fallbacks", "parity", "freshness");
        assertThat(lastChecks.get(0).get("measured").asDouble()).isGreaterThanOrEqualTo(10);
        assertThat(done.get("history").valueStream().map(h -> h.get("to").asString()).toList())
                .containsExactly("running", "running", "completed");
        assertThat(SEARCH.received).anyMatch(r -> r.header("X-Client-Id").startsWith("ramp-load-"));
        assertThat(Files.readString(DATA.resolve("audit.log"))).contains("\"ramp\":{").contains("\"to\":\"completed\"");
        assertThat(prometheus()).contains("strangler_ramp_transitions_total{application=\"routing-proxy\",route=\"search\",to=\"completed\"}");
    }

    @Test
    void aServiceThatFailsMidRampIsRolledBackWithTheReason() throws Exception {
        admin("POST", "/admin/ramps", "{\"route\":\"search\",\"steps\":[50,100],\"hold\":\"60s\",\"minRequests\":20,\"loadPerSecond\":40}");
        awaitRamp("search", r -> r.get("steps").get(0).path("checks").path(0).path("measured").asDouble() >= 5, 20);
        SEARCH.behaviour = StubBackend.Behaviour.FAIL;
        long failedAt = System.nanoTime();
        JsonNode aborted = awaitRamp("search", r -> r.get("state").asString().equals("aborted"), 10);
        assertThat(Duration.ofNanos(System.nanoTime() - failedAt)).as("rolled back within a few analysis intervals").isLessThan(Duration.ofSeconds(5));
        assertThat(percent("search")).isZero();
        assertThat(aborted.get("routePercent").asInt()).isZero();
        assertThat(aborted.get("rollback").get("check").asString()).isIn("error-rate", "fallbacks");
        assertThat(aborted.get("rollback").get("window").asString()).contains("of step 1 at 50%");
        assertThat(aborted.get("reason").asString()).contains("failed").contains("search moved to 0%");
        assertThat(aborted.get("steps").get(0).get("verdict").asString()).isEqualTo("failed");
    }

    @Test
    void aSlowServiceIsRolledBackOnItsP99() throws Exception {
        SEARCH.delayMillis = 60;
        admin("POST", "/admin/ramps", "{\"route\":\"search\",\"steps\":[50,100],\"hold\":\"60s\",\"minRequests\":20,\"loadPerSecond\":40}");
        JsonNode aborted = awaitRamp("search", r -> r.get("state").asString().equals("aborted"), 30);
        assertThat(aborted.get("rollback").get("check").asString()).isEqualTo("p99");
        assertThat(aborted.get("rollback").get("measured").asDouble()).isGreaterThan(50);
        assertThat(aborted.get("rollback").get("threshold").asString()).contains("the monolith's");
        assertThat(percent("search")).isZero();
    }

    @Test
    void withoutTrafficAStepPausesAndIsNeverPromoted() throws Exception {
        admin("POST", "/admin/ramps", "{\"route\":\"search\",\"steps\":[10,100],\"hold\":\"1s\",\"minRequests\":50}");
        JsonNode paused = awaitRamp("search", r -> r.get("state").asString().equals("paused"), 15);
        assertThat(paused.get("reason").asString()).startsWith("inconclusive: 0 requests reached search-service").contains("kit ramp resume search");
        assertThat(paused.get("steps").get(0).get("verdict").asString()).isEqualTo("inconclusive");
        assertThat(percent("search")).isEqualTo(10);

        assertThat(admin("POST", "/admin/ramps/search/resume", "").statusCode()).isEqualTo(200);
        assertThat(ramp("search").get("state").asString()).isEqualTo("running");
        HttpResponse<String> aborted = admin("POST", "/admin/ramps/search/abort", "");
        assertThat(aborted.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(aborted.body()).get("state").asString()).isEqualTo("aborted");
        assertThat(JSON.readTree(aborted.body()).get("reason").asString()).startsWith("aborted by");
        assertThat(percent("search")).isZero();
    }

    @Test
    void badPlansAndConflictsAreRefusedAndNothingStarts() throws Exception {
        assertProblem(admin("POST", "/admin/ramps", "{\"route\":\"search\",\"steps\":[50,25],\"hold\":\"60s\"}"), 400, "steps");
        assertProblem(admin("POST", "/admin/ramps", "{\"route\":\"search\",\"steps\":[10],\"hold\":\"0s\"}"), 400, "hold");
        assertProblem(admin("POST", "/admin/ramps", "{\"route\":\"search\",\"steps\":[10],\"hold\":\"5s\",\"maxErrorRatePercent\":\"x\"}"), 400,
                "maxErrorRatePercent");
        assertProblem(admin("POST", "/admin/ramps", "{\"route\":\"nope\",\"steps\":[10],\"hold\":\"5s\"}"), 404, "route");
        assertProblem(admin("POST", "/admin/ramps", "{\"route\":\"search\""), 400, "body");
        assertProblem(admin("POST", "/admin/ramps", "{\"route\":\"catalog-write\",\"steps\":[10],\"hold\":\"5s\",\"loadPerSecond\":5}"), 400,
                "loadPerSecond");
        HttpResponse<String> writesFirst = admin("POST", "/admin/ramps", "{\"route\":\"catalog-write\",\"steps\":[10],\"hold\":\"5s\"}");
        assertProblem(writesFirst, 409, "route");
        assertThat(writesFirst.body()).contains("only after catalog-read has completed its ramp to 100%");
        assertProblem(admin("POST", "/admin/ramps/search/pause", ""), 409, "route");
        assertThat(HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ADMIN_PORT + "/admin/ramps"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
        assertThat(percent("search")).isZero();
        assertThat(percent("catalog-write")).isZero();

        assertThat(admin("POST", "/admin/ramps", "{\"route\":\"search\",\"steps\":[10,100],\"hold\":\"60s\"}").statusCode()).isEqualTo(201);
        assertProblem(admin("POST", "/admin/ramps", "{\"route\":\"search\",\"steps\":[20],\"hold\":\"60s\"}"), 409, "route");
        assertThat(percent("search")).isEqualTo(10);
    }

    @Test
    void aManualChangeDuringARampIsRefusedUnlessForced() throws Exception {
        admin("POST", "/admin/ramps", "{\"route\":\"search\",\"steps\":[10,100],\"hold\":\"60s\"}");
        HttpResponse<String> refused = admin("PUT", "/admin/routes/search", "{\"servicePercent\":30}");
        assertProblem(refused, 409, "route");
        assertThat(refused.body()).contains("kit ramp abort search");
        assertThat(percent("search")).isEqualTo(10);

        assertThat(admin("PUT", "/admin/routes/search?force=true", "{\"servicePercent\":30}").statusCode()).isEqualTo(200);
        assertThat(percent("search")).isEqualTo(30);
        JsonNode overridden = ramp("search");
        assertThat(overridden.get("state").asString()).isEqualTo("aborted");
        assertThat(overridden.get("reason").asString()).startsWith("overridden by a manual route change");
    }

    @Test
    void aWriteRouteRolledBackDrainsBeforeItIsRolledBack() throws Exception {
        admin("POST", "/admin/ramps", "{\"route\":\"catalog-read\",\"steps\":[100],\"hold\":\"1s\",\"minRequests\":10,\"loadPerSecond\":40}");
        awaitRamp("catalog-read", r -> r.get("state").asString().equals("completed"), 20);
        HttpResponse<String> writes = admin("POST", "/admin/ramps", "{\"route\":\"catalog-write\",\"steps\":[50,100],\"hold\":\"60s\"}");
        assertThat(writes.statusCode()).as(writes.body()).isEqualTo(201);
        assertThat(percent("catalog-write")).isEqualTo(50);

        JsonNode draining = JSON.readTree(admin("POST", "/admin/ramps/catalog-write/abort", "").body());
        assertThat(draining.get("state").asString()).isEqualTo("rolled-back, draining");
        assertThat(percent("catalog-write")).isZero();
        JsonNode rolledBack = awaitRamp("catalog-write", r -> r.get("state").asString().equals("rolled-back"), 10);
        assertThat(rolledBack.get("history").valueStream().map(h -> h.get("to").asString()).toList()).endsWith("draining", "rolled-back");
    }

    @Test
    void aRestartedProxyResumesTheRampWhereItWas() throws Exception {
        admin("POST", "/admin/ramps", "{\"route\":\"search\",\"steps\":[20,100],\"hold\":\"60s\"}");
        int adminPort = ProxyFixture.freePort();
        Process restarted = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                Path.of("target", "routing-proxy.jar").toAbsolutePath().toString(),
                "--server.port=" + ProxyFixture.freePort(), "--proxy.admin.port=" + adminPort,
                "--management.server.port=" + ProxyFixture.freePort(), "--proxy.data-dir=" + DATA,
                "--proxy.monolith-url=" + MONOLITH.url(), "--proxy.services.search-service=" + SEARCH.url(), "--proxy.admin.token=" + TOKEN)
                .redirectErrorStream(true)
                .redirectOutput(DATA.resolve("restarted.log").toFile())
                .start();
        try {
            HttpRequest get = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + "/admin/ramps/search"))
                    .header("Authorization", "Bearer " + TOKEN).GET().build();
            JsonNode resumed = Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                    .until(() -> JSON.readTree(HTTP.send(get, HttpResponse.BodyHandlers.ofString()).body()),
                            r -> r.path("history").valueStream().anyMatch(h -> h.get("why").asString().startsWith("the proxy restarted")));
            assertThat(resumed.get("state").asString()).isEqualTo("running");
            assertThat(resumed.get("percent").asInt()).isEqualTo(20);
            assertThat(resumed.get("routePercent").asInt()).isEqualTo(20);
            JsonNode last = resumed.get("history").get(resumed.get("history").size() - 1);
            assertThat(last.get("why").asString()).isEqualTo("the proxy restarted: the hold of step 1 starts again");
            assertThat(resumed.get("steps")).hasSize(1);
        } finally {
            restarted.destroy();
            restarted.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static void assertProblem(HttpResponse<String> response, int status, String field) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(JSON.readTree(response.body()).get("errors").get(0).get("field").asString()).isEqualTo(field);
    }

    private static JsonNode awaitRamp(String route, Predicate<JsonNode> until, int seconds) {
        return Awaitility.await().atMost(Duration.ofSeconds(seconds)).pollInterval(Duration.ofMillis(200)).until(() -> ramp(route), until);
    }

    private static JsonNode ramp(String route) throws Exception {
        return JSON.readTree(admin("GET", "/admin/ramps/" + route, null).body());
    }

    private static int percent(String route) throws Exception {
        JsonNode routes = JSON.readTree(admin("GET", "/admin/routes", null).body());
        return routes.valueStream().filter(r -> r.get("id").asString().equals(route)).findFirst().orElseThrow().get("servicePercent").asInt();
    }

    private static String prometheus() throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + MANAGEMENT_PORT + "/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    static HttpResponse<String> admin(String method, String path, String body) throws Exception {
        return ProxyFixture.admin(ADMIN_PORT, method, path, body, TOKEN);
    }
}
