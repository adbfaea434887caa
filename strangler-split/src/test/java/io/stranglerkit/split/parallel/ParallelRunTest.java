package io.stranglerkit.split.parallel;

import io.stranglerkit.split.AnyGatewayApplication;
import io.stranglerkit.split.HttpBackend;
import io.stranglerkit.split.Split;
import io.stranglerkit.split.SplitRoutes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Shadowed reads against real HTTP backends: the client's answers, what is counted, what is learned. */
@SpringBootTest(classes = AnyGatewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("parallel")
class ParallelRunTest {

    static final HttpBackend LEGACY = new HttpBackend("legacy");
    static final HttpBackend PRICES = new HttpBackend("prices-service");
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final String ITEMS = "{\"items\":[{\"id\":1,\"price\":\"1.00\"},{\"id\":2,\"price\":\"%s\"}],\"total\":2}";

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        registry.add("legacy-url", LEGACY::url);
        registry.add("prices-url", PRICES::url);
        registry.add("gone-url", () -> "http://127.0.0.1:" + closedPort());
    }

    @LocalServerPort
    int port;

    @Autowired
    SplitRoutes routes;

    @Autowired
    ParallelRun parallelRun;

    @AfterAll
    static void stop() {
        LEGACY.close();
        PRICES.close();
    }

    static {
        LEGACY.contentType = "application/json";
        PRICES.contentType = "application/json";
    }

    @BeforeEach
    void reset() {
        LEGACY.answer = uri -> ITEMS.formatted("2.00");
        PRICES.answer = uri -> ITEMS.formatted("2.00");
        PRICES.backlog = 0;
        routes.get("prices-read").change(new Split(0, true, 100));
        routes.get("gone-read").change(new Split(0, true, 100));
        await().atMost(Duration.ofSeconds(10)).until(() -> (int) results("prices-read").get("pending") == 0);
        parallelRun.results("prices-read").reset();
        parallelRun.results("gone-read").reset();
        LEGACY.received.clear();
        PRICES.received.clear();
        PRICES.shadowed.clear();
    }

    @AfterEach
    void release() {
        CountDownLatch held = PRICES.hold;
        PRICES.hold = null;
        if (held != null) {
            held.countDown();
        }
    }

    @Test
    void identicalAnswersGiveFullParityAndTheShadowIsMarked() throws Exception {
        for (int i = 0; i < 10; i++) {
            assertThat(get("/prices/list?page=" + i).body()).isEqualTo(ITEMS.formatted("2.00"));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> count("prices-read", "identical") == 10);
        Map<String, Object> view = results("prices-read");
        assertThat(view.get("parityPercent")).isEqualTo(100.0);
        assertThat(view.get("different")).isEqualTo(0L);
        assertThat(PRICES.shadowed).hasSize(10).allMatch(line -> line.startsWith("/prices/list?page="));
    }

    @Test
    void aClientThatClosesRightAfterItsAnswerIsStillCompared() throws Exception {
        for (int i = 0; i < 30; i++) {
            HttpURLConnection connection = (HttpURLConnection) uri("/prices/close?i=" + i).toURL().openConnection();
            connection.setRequestProperty("Connection", "close");
            try (var in = connection.getInputStream()) {
                in.readAllBytes();
            }
            connection.disconnect();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> count("prices-read", "identical") == 30);
        assertThat(count("prices-read", "skipped")).isZero();
    }

    @Test
    void aDifferenceThatPersistsIsDifferentWithItsPathAndAnExample() throws Exception {
        PRICES.answer = uri -> ITEMS.formatted("2.50");
        assertThat(get("/prices/list").body()).as("the client gets the primary's answer").isEqualTo(ITEMS.formatted("2.00"));
        await().atMost(Duration.ofSeconds(10)).until(() -> count("prices-read", "different") == 1);
        Map<String, Object> view = results("prices-read");
        assertThat(view.get("lagging")).as("first held for the re-check").isEqualTo(1L);
        assertThat(view.get("parityPercent")).isEqualTo(0.0);
        @SuppressWarnings("unchecked")
        Map<String, Object> top = ((List<Map<String, Object>>) view.get("topPaths")).get(0);
        assertThat(top).containsEntry("path", "$.items[*].price").containsEntry("count", 1L)
                .containsEntry("example", Map.of("primary", "\"2.00\"", "shadow", "\"2.50\""));
        @SuppressWarnings("unchecked")
        Map<String, Object> sample = ((List<Map<String, Object>>) view.get("samples")).get(0);
        assertThat(sample).containsEntry("uri", "/prices/list").containsEntry("paths", List.of("$.items[*].price"));
    }

    @Test
    void aDifferenceGoneAtTheRecheckWasLaggingNeverDifferent() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        // The service's read model has not applied the change yet at the first shadow call.
        PRICES.answer = uri -> ITEMS.formatted(calls.getAndIncrement() == 0 ? "1.99" : "2.00");
        get("/prices/list");
        await().atMost(Duration.ofSeconds(10)).until(() -> count("prices-read", "identical") == 1);
        assertThat(count("prices-read", "lagging")).isEqualTo(1);
        assertThat(count("prices-read", "different")).isZero();
    }

    @Test
    void aDifferenceWaitsForTheReadModelToCatchUpAndIsNotJudgedWhenItNeverDoes() throws Exception {
        PRICES.backlog = 12;
        PRICES.answer = uri -> ITEMS.formatted("1.99");
        get("/prices/list");
        await().atMost(Duration.ofSeconds(10)).until(() -> count("prices-read", "unresolved") == 1);
        assertThat(count("prices-read", "different")).isZero();
        assertThat(results("prices-read").get("parityPercent")).as("not judged, not in parity").isNull();

        get("/prices/list");
        await().atMost(Duration.ofSeconds(10)).until(() -> count("prices-read", "lagging") == 2);
        // The read model applies the change while the re-check waits.
        PRICES.answer = uri -> ITEMS.formatted("2.00");
        PRICES.backlog = 0;
        await().atMost(Duration.ofSeconds(10)).until(() -> count("prices-read", "identical") == 1);
        assertThat(count("prices-read", "different")).isZero();
    }

    @Test
    void differencesWaitingForCdcShareOneWatcherAndAreBounded() throws Exception {
        PRICES.backlog = 12;
        PRICES.answer = uri -> ITEMS.formatted("1.99");
        for (int i = 0; i < 4; i++) {
            get("/prices/list?n=" + i);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> count("prices-read", "lagging") == 4);
        assertThat(count("prices-read", "unresolved")).as("beyond max-pending (2): not judged").isEqualTo(2);
        int before = PRICES.statusCalls.get();
        Thread.sleep(1000);
        // One watcher for the service, four readings a second, however many reads wait.
        assertThat(PRICES.statusCalls.get() - before).isBetween(1, 6);
        await().atMost(Duration.ofSeconds(10)).until(() -> count("prices-read", "unresolved") == 4);
        assertThat(count("prices-read", "different")).isZero();
    }

    @Test
    void aFieldThatChangesOnEveryCallIsLearnedAsNoiseAndIgnoredPathsAreNeverCompared() throws Exception {
        AtomicInteger clock = new AtomicInteger();
        LEGACY.answer = uri -> "{\"id\":1,\"tick\":" + clock.incrementAndGet() + ",\"servedAt\":\"legacy\"}";
        PRICES.answer = uri -> "{\"id\":1,\"tick\":" + (1000 + clock.incrementAndGet()) + ",\"servedAt\":\"service\"}";
        for (int i = 0; i < 5; i++) {
            get("/prices/1");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> count("prices-read", "noisy") == 5);
        Map<String, Object> view = results("prices-read");
        assertThat(view.get("different")).isEqualTo(0L);
        assertThat(view.get("lagging")).as("learned from the primary's second answer before comparing").isEqualTo(0L);
        assertThat(view.get("noise").toString()).contains("path=$.tick");
        assertThat(view.get("ignoredPaths")).isEqualTo(List.of("$.servedAt"));
    }

    @Test
    void aSlowShadowNeverHoldsTheClientAndTimesOutAsAnError() throws Exception {
        PRICES.hold = new CountDownLatch(1);
        HttpResponse<String> answer = get("/prices/slow");
        // The client has its answer while the shadow side is still held.
        assertThat(answer.body()).isEqualTo(ITEMS.formatted("2.00"));
        assertThat(PRICES.hold.getCount()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> count("prices-read", "shadowErrors") == 1);
    }

    @Test
    void shadowsBeyondTheRoutesLimitAreDroppedAndCounted() throws Exception {
        PRICES.hold = new CountDownLatch(1);
        for (int i = 0; i < 10; i++) {
            assertThat(get("/prices/" + i).statusCode()).isEqualTo(200);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> count("prices-read", "dropped") + count("prices-read", "shadowErrors") == 10);
        assertThat(count("prices-read", "dropped")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void aDeadShadowSideCostsTheClientNothing() throws Exception {
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> answer = get("/gone/" + i);
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.headers().firstValue("X-Served-By")).hasValue("monolith");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> count("gone-read", "shadowErrors") == 3);
    }

    @Test
    void writesAndShadowsAreNeverShadowed() throws Exception {
        routes.get("prices-write").change(new Split(0, true, 100));
        HTTP.send(HttpRequest.newBuilder(uri("/prices/1")).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
        HTTP.send(HttpRequest.newBuilder(uri("/prices/1")).header("X-Shadow", "true").build(), HttpResponse.BodyHandlers.ofString());
        get("/prices/after");
        await().atMost(Duration.ofSeconds(10)).until(() -> count("prices-read", "identical") == 1);
        assertThat(PRICES.received).containsExactly("GET /prices/after");
    }

    static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private long count(String route, String outcome) {
        return parallelRun.results(route).count(outcome);
    }

    private Map<String, Object> results(String route) {
        return parallelRun.results(route).view();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
