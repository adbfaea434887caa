package io.stranglerkit.system.catalog;

import io.stranglerkit.infra.AppProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Writes land on both sides (the proxy splits them) and the two databases converge: real monolith,
 * real cdc-bridge in both directions, the catalog service and the routing proxy, as processes.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CatalogSyncIT {

    private static final int SEEDED = 300;
    private static TwoWayPipeline pipeline;

    @BeforeAll
    static void start() throws Exception {
        pipeline = new TwoWayPipeline(SEEDED);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> pipeline.catalogStatus().path("writesOpen").asBoolean());
    }

    @AfterAll
    static void stop() throws Exception {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    @Order(0)
    void aWriteRampRolledBackDrainsToTheMonolithAndBothDatabasesAreEqual() throws Exception {
        // Writes ramp only behind their reads: first the reads, with synthetic load (a JVM this fresh has slow p99s: a ceiling, not the ratio).
        HttpResponse<String> reads = pipeline.proxyAdmin("POST", "/admin/ramps",
                "{\"route\":\"catalog-read\",\"steps\":[100],\"hold\":\"3s\",\"minRequests\":20,\"loadPerSecond\":20,\"maxP99Ms\":2000}");
        assertThat(reads.statusCode()).as(reads.body()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> ramp("catalog-read").path("state").asString(), state -> !state.equals("running"));
        assertThat(ramp("catalog-read").path("state").asString()).as(ramp("catalog-read").toString()).isEqualTo("completed");

        HttpResponse<String> writes = pipeline.proxyAdmin("POST", "/admin/ramps",
                "{\"route\":\"catalog-write\",\"steps\":[50,100],\"hold\":\"120s\",\"minRequests\":1000}");
        assertThat(writes.statusCode()).as(writes.body()).isEqualTo(201);
        int byCatalog = 0;
        for (int i = 0; i < 30; i++) {
            HttpResponse<String> created = send(pipeline.proxy, "POST", "/api/products",
                    "{\"sku\":\"RAMP-" + i + "\",\"name\":\"Ramp lamp " + i + "\",\"price\":\"9.50\",\"categoryId\":3}");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            byCatalog += created.headers().firstValue("X-Served-By").orElse("").equals("catalog-service") ? 1 : 0;
        }
        assertThat(byCatalog).as("about half of the writes went to the catalog").isBetween(3, 27);

        JsonNode draining = TwoWayPipeline.json(pipeline.proxyAdmin("POST", "/admin/ramps/catalog-write/abort", null).body());
        assertThat(draining.path("state").asString()).isEqualTo("rolled-back, draining");
        assertThat(draining.path("routePercent").asInt()).isZero();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> ramp("catalog-write").path("state").asString().equals("rolled-back"));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> pipeline.differences().isEmpty());
        assertThat(pipeline.shopProducts().values()).filteredOn(row -> row.contains("|Ramp lamp ")).hasSize(30);
        pipeline.setRoute("catalog-read", 0);
    }

    private static JsonNode ramp(String route) throws Exception {
        return TwoWayPipeline.json(pipeline.proxyAdmin("GET", "/admin/ramps/" + route, null).body());
    }

    @Test
    @Order(1)
    void theCatalogServesTheMonolithsContractForTheSameData() throws Exception {
        for (String path : List.of("/api/products?size=50", "/api/products?categoryId=3&page=1&size=5", "/api/products/1",
                "/api/products/999999999", "/api/categories", "/api/categories/3", "/api/products?pgae=2",
                "/api/products?size=500", "/api/products/abc")) {
            HttpResponse<String> legacy = pipeline.monolith.get(path);
            HttpResponse<String> extracted = pipeline.catalog.get(path);
            assertThat(extracted.statusCode()).as(path).isEqualTo(legacy.statusCode());
            assertThat(withoutCorrelation(extracted.body())).as(path).isEqualTo(withoutCorrelation(legacy.body()));
        }
        String invalid = """
                {"sku":"bad sku!","name":" ","price":"1.234","categoryId":0}""";
        HttpResponse<String> legacy = send(pipeline.monolith, "POST", "/api/products", invalid);
        HttpResponse<String> extracted = send(pipeline.catalog, "POST", "/api/products", invalid);
        assertThat(extracted.statusCode()).isEqualTo(400);
        assertThat(withoutCorrelation(extracted.body())).isEqualTo(withoutCorrelation(legacy.body()));
    }

    @Test
    @Order(2)
    void aProductWrittenThroughTheServiceReachesTheMonolithAndItsOrders() throws Exception {
        JsonNode created = TwoWayPipeline.json(send(pipeline.catalog, "POST", "/api/products", """
                {"sku":"CAT-LAMP-1","name":"Catalog lamp","description":"made in the catalog","price":"12.50","categoryId":3}""").body());
        long id = created.path("id").asLong();
        assertThat(id % 2).as("the catalog hands out even ids").isZero();
        JsonNode updated = TwoWayPipeline.json(send(pipeline.catalog, "PUT", "/api/products/" + id, """
                {"sku":"CAT-LAMP-1","name":"Catalog lamp","description":"made in the catalog","price":"15.75","categoryId":3,"version":0}""").body());
        assertThat(updated.path("version").asLong()).isEqualTo(1);

        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() ->
                TwoWayPipeline.json(pipeline.monolith.get("/api/products/" + id).body()).path("price").asString().equals("15.75"));
        assertThat(withoutCorrelation(pipeline.monolith.get("/api/products/" + id).body()))
                .isEqualTo(withoutCorrelation(pipeline.catalog.get("/api/products/" + id).body()));

        long customer = TwoWayPipeline.json(send(pipeline.monolith, "POST", "/api/customers", """
                {"email":"buyer-%d@example.com","name":"Buyer"}""".formatted(id)).body()).path("id").asLong();
        HttpResponse<String> order = send(pipeline.monolith, "POST", "/api/orders", """
                {"customerId":%d,"lines":[{"productId":%d,"quantity":2}]}""".formatted(customer, id));
        assertThat(order.statusCode()).as(order.body()).isEqualTo(201);
        assertThat(TwoWayPipeline.json(order.body()).path("lines").get(0).path("unitPrice").asString()).isEqualTo("15.75");

        // The order now points at the product: the catalog refuses the delete as the monolith would.
        await().atMost(Duration.ofSeconds(20)).until(() -> send(pipeline.catalog, "DELETE", "/api/products/" + id, null).statusCode() == 409);
    }

    @Test
    @Order(3)
    void sameVersionWrittenOnBothSidesGoesToTheTieWinnerAndADeleteWinsOverAnUpdate() throws Exception {
        long raced = 5;
        // A product no order points at, so the monolith may delete it.
        long deleted = TwoWayPipeline.json(send(pipeline.monolith, "POST", "/api/products", """
                {"sku":"TO-DELETE-1","name":"short-lived","price":"3.00","categoryId":3}""").body()).path("id").asLong();
        await().atMost(Duration.ofSeconds(20)).until(() -> pipeline.catalog.get("/api/products/" + deleted).statusCode() == 200);
        JsonNode before = TwoWayPipeline.json(pipeline.monolith.get("/api/products/" + raced).body());
        long version = before.path("version").asLong();
        long deletedVersion = TwoWayPipeline.json(pipeline.monolith.get("/api/products/" + deleted).body()).path("version").asLong();
        long conflictsBefore = pipeline.catalogStatus().path("forwardSync").path("conflicts").asLong();

        // With the bridge down nothing crosses over: both sides accept a write on the same version.
        pipeline.killBridge();
        String body = """
                {"sku":"%s","name":"%s","description":"","price":"9.99","categoryId":%d,"version":%d}""";
        assertThat(send(pipeline.monolith, "PUT", "/api/products/" + raced,
                body.formatted(before.path("sku").asString(), "written in the monolith", before.path("categoryId").asLong(), version)).statusCode()).isEqualTo(200);
        assertThat(send(pipeline.catalog, "PUT", "/api/products/" + raced,
                body.formatted(before.path("sku").asString(), "written in the catalog", before.path("categoryId").asLong(), version)).statusCode()).isEqualTo(200);
        assertThat(send(pipeline.monolith, "DELETE", "/api/products/" + deleted, null).statusCode()).isEqualTo(204);
        JsonNode toUpdate = TwoWayPipeline.json(pipeline.catalog.get("/api/products/" + deleted).body());
        assertThat(send(pipeline.catalog, "PUT", "/api/products/" + deleted, body.formatted(toUpdate.path("sku").asString(),
                "updated in the catalog", toUpdate.path("categoryId").asLong(), deletedVersion)).statusCode()).isEqualTo(200);
        pipeline.startBridge();

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).ignoreExceptions().untilAsserted(() -> {
            assertThat(TwoWayPipeline.json(pipeline.monolith.get("/api/products/" + raced).body()).path("name").asString())
                    .isEqualTo("written in the catalog"); // tie winner: catalog (the default)
            assertThat(pipeline.catalog.get("/api/products/" + deleted).statusCode()).isEqualTo(404);
            assertThat(pipeline.differences()).isEmpty();
        });
        assertThat(pipeline.catalogStatus().path("forwardSync").path("conflicts").asLong()).isGreaterThan(conflictsBefore);
        assertThat(pipeline.catalogStatus().path("reverseSync").path("conflicts").asLong()).isPositive();
    }

    @Test
    @Order(4)
    void randomWritesSplitAcrossBothSidesConvergeWithoutLoopsEvenThroughABridgeCrash() throws Exception {
        pipeline.setRoute("catalog-write", 50);
        List<Long> hot = List.of(11L, 13L, 15L, 17L, 19L, 21L, 23L, 25L);
        List<Long> mine = new CopyOnWriteArrayList<>();
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        AtomicInteger done = new AtomicInteger();
        int workers = 6;
        int opsPerWorker = 350;
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        List<Future<?>> futures = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            int worker = w;
            futures.add(pool.submit(() -> {
                SplittableRandom random = new SplittableRandom(1000 + worker);
                for (int i = 0; i < opsPerWorker; i++) {
                    int status = randomWrite(random, worker, i, hot, mine);
                    statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
                    done.incrementAndGet();
                }
                return null;
            }));
        }
        // Halfway through, the bridge dies without warning and comes back.
        await().atMost(Duration.ofMinutes(3)).until(() -> done.get() >= workers * opsPerWorker / 2);
        pipeline.killBridge();
        Thread.sleep(1000);
        pipeline.startBridge();
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        assertThat(statuses.keySet()).as("answers seen: %s", statuses).isSubsetOf(200, 201, 204, 404, 409);
        assertThat(statuses.get(200).get() + statuses.get(201).get()).isGreaterThan(workers * opsPerWorker / 3);

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                assertThat(pipeline.differences()).as("products the two databases disagree on").isEmpty());
        assertThat(pipeline.catalogProducts()).hasSizeGreaterThan(SEEDED);

        // No loop: the bridge goes quiet (its replay after the crash may still be ending when the
        // tables first agree; a loop would never let it rest), and the two databases stay equal.
        long[] published = {-1};
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(3)).until(() -> {
            long now = pipeline.bridgeStatus().path("events").path("published").asLong();
            boolean quiet = now == published[0];
            published[0] = now;
            return quiet;
        });
        assertThat(pipeline.differences()).isEmpty();
        JsonNode reverse = pipeline.catalogStatus().path("reverseSync");
        assertThat(reverse.path("lastError").isNull() || reverse.path("lastError").isMissingNode()).isTrue();
    }

    /** One random create, update or delete through the proxy (half of the writes go to each side). */
    private static int randomWrite(SplittableRandom random, int worker, int i, List<Long> hot, List<Long> mine) throws Exception {
        AppProcess proxy = pipeline.proxy;
        int dice = random.nextInt(100);
        if (dice < 20 || mine.isEmpty()) {
            HttpResponse<String> created = send(proxy, "POST", "/api/products", """
                    {"sku":"RND-%d-%d","name":"random %d","description":"worker %d","price":"%d.%02d","categoryId":3}"""
                    .formatted(worker, i, i, worker, 1 + random.nextInt(500), random.nextInt(100)));
            if (created.statusCode() == 201) {
                mine.add(TwoWayPipeline.json(created.body()).path("id").asLong());
            }
            return created.statusCode();
        }
        long id = dice < 60 ? hot.get(random.nextInt(hot.size())) : mine.get(random.nextInt(mine.size()));
        // Read from either side: they may disagree for a moment, which is what makes the races.
        AppProcess reader = random.nextBoolean() ? pipeline.monolith : pipeline.catalog;
        HttpResponse<String> read = reader.get("/api/products/" + id);
        if (read.statusCode() != 200) {
            return read.statusCode();
        }
        JsonNode p = TwoWayPipeline.json(read.body());
        if (dice >= 90 && !hot.contains(id)) {
            return send(proxy, "DELETE", "/api/products/" + id + "?version=" + p.path("version").asLong(), null).statusCode();
        }
        return send(proxy, "PUT", "/api/products/" + id, """
                {"sku":"%s","name":"%s","description":"edit %d by %d","price":"%d.%02d","categoryId":%d,"version":%d}"""
                .formatted(p.path("sku").asString(), p.path("name").asString(), i, worker, 1 + random.nextInt(500), random.nextInt(100),
                        p.path("categoryId").asLong(), p.path("version").asLong())).statusCode();
    }

    @Test
    @Order(5)
    void theForwardSyncSwitchNeedsTheTokenAndRefusesBadInput() throws Exception {
        String on = "{\"enabled\":true}";
        HttpResponse<String> noToken = send(pipeline.catalog, "PUT", "/admin/forward-sync", on);
        assertThat(noToken.statusCode()).isEqualTo(401);
        assertThat(noToken.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        String correlationId = noToken.headers().firstValue("X-Correlation-Id").orElseThrow();
        assertThat(TwoWayPipeline.json(noToken.body()).path("correlationId").asString()).isEqualTo(correlationId);
        assertThat(admin("PUT", on, "wrong").statusCode()).isEqualTo(401);

        HttpResponse<String> maybe = admin("PUT", "{\"enabled\":\"maybe\"}", TwoWayPipeline.ADMIN_TOKEN);
        assertThat(maybe.statusCode()).isEqualTo(400);
        assertThat(maybe.body()).contains("\"field\":\"enabled\"");
        assertThat(admin("PUT", "{}", TwoWayPipeline.ADMIN_TOKEN).statusCode()).isEqualTo(400);
        assertThat(TwoWayPipeline.json(admin("GET", null, TwoWayPipeline.ADMIN_TOKEN).body()).path("enabled").asBoolean()).isTrue();

        assertThat(TwoWayPipeline.json(admin("PUT", "{\"enabled\":false}", TwoWayPipeline.ADMIN_TOKEN).body()).path("enabled").asBoolean()).isFalse();
        assertThat(TwoWayPipeline.json(admin("GET", null, TwoWayPipeline.ADMIN_TOKEN).body()).path("enabled").asBoolean()).isFalse();
        assertThat(TwoWayPipeline.json(admin("PUT", on, TwoWayPipeline.ADMIN_TOKEN).body()).path("enabled").asBoolean()).isTrue();
    }

    @Test
    @Order(6)
    void aProductReadThroughTheProxyIsSentBackChangedOnEitherSideAndLinksNameTheProxy() throws Exception {
        AppProcess proxy = pipeline.proxy;
        for (String side : List.of("monolith", "catalog-service")) {
            int percent = side.equals("monolith") ? 0 : 100;
            pipeline.setRoute("catalog-read", percent);
            pipeline.setRoute("catalog-write", percent);
            HttpResponse<String> created = send(proxy, "POST", "/api/products", """
                    {"sku":"TRIP-%s","name":"round trip","price":"3.00","categoryId":3}""".formatted(side));
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            assertThat(created.headers().firstValue("X-Served-By")).hasValue(side);
            long id = TwoWayPipeline.json(created.body()).path("id").asLong();
            assertThat(created.headers().firstValue("Location")).hasValue(proxy.url() + "/api/products/" + id);

            ObjectNode read = (ObjectNode) TwoWayPipeline.json(proxy.get("/api/products/" + id).body());
            read.put("name", "round trip, renamed");
            HttpResponse<String> updated = send(proxy, "PUT", "/api/products/" + id, read.toString());
            assertThat(updated.statusCode()).as(side + ": " + updated.body()).isEqualTo(200);
            assertThat(updated.headers().firstValue("X-Served-By")).hasValue(side);
            assertThat(TwoWayPipeline.json(updated.body()).path("version").asLong()).isEqualTo(1);
        }
        pipeline.setRoute("catalog-read", 0);
        pipeline.setRoute("catalog-write", 0);

        String otherId = """
                {"id":1,"sku":"ID-X","name":"n","price":"1.00","categoryId":3,"version":0,"category":"x","updatedAt":"2020-01-01T00:00:00Z"}""";
        for (String path : List.of("/api/products/3", "/api/products")) {
            String method = path.equals("/api/products") ? "POST" : "PUT";
            HttpResponse<String> legacy = send(pipeline.monolith, method, path, otherId);
            HttpResponse<String> extracted = send(pipeline.catalog, method, path, otherId);
            assertThat(legacy.statusCode()).as(legacy.body()).isEqualTo(400);
            assertThat(withoutCorrelation(extracted.body())).as(path).isEqualTo(withoutCorrelation(legacy.body()));
        }
    }

    @Test
    @Order(7)
    void aCatalogRestartedAfterTheSnapshotButBeforeItCaughtUpOpensWritesWithoutWaitingForAChange() throws Exception {
        // As if it had stopped after applying the snapshot's last row, before it saw itself caught up.
        pipeline.execute("DELETE FROM " + pipeline.catalogDb + ".sync_setting WHERE name = 'initial_load'");
        pipeline.restartCatalog();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> pipeline.catalogStatus().path("writesOpen").asBoolean());
    }

    private static HttpResponse<String> admin(String method, String body, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(pipeline.catalog.url() + "/admin/forward-sync"))
                .header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return pipeline.catalog.send(request);
    }

    private static HttpResponse<String> send(AppProcess target, String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target.url() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return target.send(request);
    }

    private static String withoutCorrelation(String body) {
        return body.replaceAll("\"correlationId\":\"[^\"]*\"", "\"correlationId\":\"-\"");
    }
}
