package io.stranglerkit.system.kit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One trace from the HTTP write to the read model, on a kit with a real Zipkin: the proxy's span, the
 * monolith's (or the catalog's), the bridge's "capture and publish" continued from the statement's
 * trailing trace context in the binlog, and each consumer's "apply". Raw SQL and hostile comments start
 * a trace at the bridge and are still replicated. Run first on {@link TracedKitIT}'s kit, while it is
 * freshly seeded.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class TracingTests {

    private static final KitRunner KIT = TracedKitIT.KIT;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final String CLAIMED_TRACE = "e".repeat(32);

    @Test
    @Order(1)
    void zipkinIsAPartAndTheSnapshotStartsNoTrace() throws Exception {
        JsonNode traces = zipkin("/api/v2/traces?serviceName=cdc-bridge&limit=1000&annotationQuery="
                + URLEncoder.encode("table=shop.product", StandardCharsets.UTF_8));
        assertThat(traces.size()).as("the seeded shop rows came by the bridge's snapshot").isZero();
        KitRunner.Result status = KIT.kit("status");
        assertThat(status.output()).containsPattern("zipkin +up");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode parts = JSON.readTree(KitRunner.get(KIT.url("KIT_CONSOLE_PORT") + "/api/state").body()).path("parts");
            assertThat(parts.findValuesAsString("name")).contains("zipkin");
            parts.forEach(part -> assertThat(part.path("status").asString()).as(part.toString()).isEqualTo("UP"));
        });
    }

    @Test
    @Order(2)
    void aProductUpdateThroughTheProxyIsOneTraceFromTheRequestToEachReadModel() throws Exception {
        String correlationId = "it-update-" + UUID.randomUUID();
        assertThat(update(21, correlationId).statusCode()).isEqualTo(200);

        List<JsonNode> trace = awaitTrace(correlationId, spans -> find(spans, "apply", "consumer", "search feed").isPresent()
                && find(spans, "apply", "consumer", "catalog forward sync").isPresent());
        JsonNode proxy = find(trace, "http put", "correlationId", correlationId).filter(s -> service(s).equals("routing-proxy"))
                .orElseThrow();
        JsonNode monolith = trace.stream().filter(s -> service(s).equals("legacy-monolith")).findFirst().orElseThrow();
        JsonNode capture = find(trace, "capture and publish", "table", "shop.product").orElseThrow();
        JsonNode search = find(trace, "apply", "consumer", "search feed").orElseThrow();
        JsonNode forward = find(trace, "apply", "consumer", "catalog forward sync").orElseThrow();

        assertThat(capture.path("tags").path("row.key").asString()).isEqualTo("21");
        assertThat(service(search)).isEqualTo("extracted-search-service");
        assertThat(service(forward)).isEqualTo("extracted-catalog-service");
        // Causal order: each apply under the capture, the capture under the monolith's request, that under the proxy.
        assertThat(parent(search)).isEqualTo(id(capture));
        assertThat(parent(forward)).isEqualTo(id(capture));
        assertThat(parent(capture)).isEqualTo(id(monolith));
        assertThat(ancestors(trace, monolith)).contains(id(proxy));
        assertThat(start(capture)).isGreaterThanOrEqualTo(start(monolith));
        assertThat(start(search)).isGreaterThanOrEqualTo(start(capture));

        KitRunner.Result printed = KIT.kit("trace", correlationId);
        assertThat(printed.exit()).as(printed.output()).isZero();
        assertThat(printed.output()).contains("routing-proxy", "legacy-monolith", "capture and publish  shop.product 21 (1 change)",
                "apply  search feed (1 change)", "Applied after the request began: ", "/zipkin/traces/" + capture.path("traceId").asString());
    }

    @Test
    @Order(3)
    void aCatalogWriteIsTracedThroughTheReverseSyncBackToSearch() throws Exception {
        assertThat(KIT.kit("route", "set", "catalog-write", "100").exit()).isZero();
        try {
            // The route change reaches the proxy within a second: until then a write still goes to the monolith,
            // so each try has its own correlation id, and the trace followed is the catalog's.
            String[] correlationId = new String[1];
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                correlationId[0] = "it-catalog-" + UUID.randomUUID();
                HttpResponse<String> put = update(23, correlationId[0]);
                return put.statusCode() == 200 && put.headers().firstValue("X-Served-By").orElse("").equals("catalog-service");
            });
            List<JsonNode> trace = awaitTrace(correlationId[0], spans -> find(spans, "apply", "consumer", "search feed").isPresent()
                    && find(spans, "apply", "consumer", "catalog reverse sync").isPresent());
            JsonNode catalog = trace.stream().filter(s -> service(s).equals("extracted-catalog-service") && "SERVER".equals(s.path("kind")
                    .asString())).findFirst().orElseThrow();
            JsonNode captured = find(trace, "capture and publish", "table", "catalog.product").orElseThrow();
            JsonNode reverse = find(trace, "apply", "consumer", "catalog reverse sync").orElseThrow();
            JsonNode backToShop = find(trace, "capture and publish", "table", "shop.product").orElseThrow();
            JsonNode search = find(trace, "apply", "consumer", "search feed").orElseThrow();
            assertThat(parent(captured)).isEqualTo(id(catalog));
            assertThat(parent(reverse)).isEqualTo(id(captured));
            assertThat(parent(backToShop)).as("the reverse sync's write to the shop carries its span").isEqualTo(id(reverse));
            assertThat(parent(search)).isEqualTo(id(backToShop));
        } finally {
            assertThat(KIT.kit("route", "set", "catalog-write", "0").exit()).isZero();
        }
    }

    @Test
    @Order(4)
    void rawSqlStartsATraceAtTheBridgeAndHostileCommentsAreIgnoredButReplicated() throws Exception {
        String fake = "00-" + "a".repeat(32) + "-" + "b".repeat(16) + "-01";
        String middle = "00-" + "c".repeat(32) + "-" + "d".repeat(16) + "-01";
        Map<Integer, String> statements = Map.of(
                25, "UPDATE shop.product SET price_cents = price_cents + 1 WHERE id = 25",
                27, "UPDATE shop.product SET name = CONCAT(LEFT(name, 30), ' /*traceparent=''" + fake + "''*/') WHERE id = 27",
                29, "UPDATE shop.product SET price_cents = price_cents + 1 WHERE id = 29 /*traceparent='garbage'*/",
                31, "UPDATE shop.product SET price_cents = price_cents + 1 /*traceparent='" + middle + "'*/ WHERE id = 31",
                33, "UPDATE shop.product SET price_cents = price_cents + 1 WHERE id = 33 /*traceparent='*/ /*" + middle + "'*/",
                35, "UPDATE shop.product SET price_cents = price_cents + 1 WHERE id = 35 /*traceparent='00-" + CLAIMED_TRACE + "-"
                        + "f".repeat(16) + "-01'*/");
        try (Connection db = KIT.database(); Statement statement = db.createStatement()) {
            for (String sql : statements.values()) {
                assertThat(statement.executeUpdate(sql)).as(sql).isEqualTo(1);
            }
        }
        for (int id : List.of(25, 27, 29, 31, 33)) {
            // A trace of its own, rooted at the bridge, that reaches the read model.
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                List<JsonNode> trace = rootedAtCapture(id);
                assertThat(trace).as("product %d", id).isNotEmpty();
                assertThat(find(trace, "apply", "consumer", "search feed")).as("product %d", id).isPresent();
            });
        }
        assertThat(status("/api/v2/trace/" + "a".repeat(32))).as("a context inside a string literal").isEqualTo(404);
        assertThat(status("/api/v2/trace/" + "c".repeat(32))).as("a context not at the end").isEqualTo(404);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode claimed = zipkin("/api/v2/trace/" + CLAIMED_TRACE);
            assertThat(claimed.findValuesAsString("name")).contains("capture and publish");
            assertThat(claimed.findValuesAsString("parentId")).contains("f".repeat(16));
        });
        for (String target : List.of("search", "catalog")) {
            KitRunner.Result verify = KIT.kit("verify", target, "--wait", "60s");
            assertThat(verify.exit()).as(verify.output()).isZero();
        }
    }

    @Test
    @Order(5)
    void theRecordCarriesTheTraceContextAndNotTheStatement() {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + KIT.env.get("KIT_KAFKA_PORT"),
                ConsumerConfig.GROUP_ID_CONFIG, "tracing-it-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("legacy.shop.product"));
            List<ConsumerRecord<String, String>> forProduct = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(r -> {
                    if (r.key() != null && r.key().matches(".*\"id\":25\\D.*") && r.value() != null) {
                        forProduct.add(r);
                    }
                });
                return forProduct.stream().anyMatch(r -> r.headers().lastHeader("traceparent") != null);
            });
            ConsumerRecord<String, String> update = forProduct.stream().filter(r -> r.headers().lastHeader("traceparent") != null)
                    .findFirst().orElseThrow();
            Header traceparent = update.headers().lastHeader("traceparent");
            assertThat(new String(traceparent.value(), StandardCharsets.US_ASCII)).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
            JsonNode source = JSON.readTree(update.value()).path("source");
            assertThat(source.path("query").isNull() || source.path("query").isMissingNode()).as(update.value()).isTrue();
        }
    }

    @Test
    @Order(6)
    void badIdsAndASwitchWhileRunningAreRefused() throws Exception {
        KitRunner.Result unknown = KIT.kit("trace", "no-such-request", "--wait", "1s");
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.output()).contains("no trace for no-such-request");
        KitRunner.Result bad = KIT.kit("trace", "x'; drop");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.output()).contains("neither a correlation id nor a trace id");
        KitRunner.Result off = KIT.kit("up", "--no-tracing");
        assertThat(off.exit()).isEqualTo(2);
        assertThat(off.output()).contains("is running with tracing on", "./kit down, then ./kit up --no-tracing");
    }

    private static HttpResponse<String> update(int id, String correlationId) throws Exception {
        String url = KIT.url("KIT_PROXY_PORT") + "/api/products/" + id;
        JsonNode product = JSON.readTree(KitRunner.get(url).body());
        String body = JSON.writeValueAsString(Map.of("name", product.path("name").asString() + " (traced)",
                "description", product.path("description").asString(), "price", product.path("price").asString(),
                "categoryId", product.path("categoryId").asLong(), "sku", product.path("sku").asString(),
                "version", product.path("version").asLong()));
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .header("X-Correlation-Id", correlationId).PUT(HttpRequest.BodyPublishers.ofString(body))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<JsonNode> awaitTrace(String correlationId, Predicate<List<JsonNode>> complete) {
        List<List<JsonNode>> found = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() -> {
            JsonNode traces = zipkin("/api/v2/traces?limit=5&annotationQuery="
                    + URLEncoder.encode("correlationId=" + correlationId, StandardCharsets.UTF_8));
            found.clear();
            traces.forEach(trace -> found.add(spans(trace)));
            return found.size() == 1 && complete.test(found.get(0)) && everyParentArrived(found.get(0));
        });
        return found.get(0);
    }

    /** Each process reports its spans on its own schedule: a child can reach Zipkin before its parent does. */
    private static boolean everyParentArrived(List<JsonNode> spans) {
        Set<String> ids = spans.stream().map(s -> s.path("id").asString()).collect(Collectors.toSet());
        return spans.stream().filter(s -> s.hasNonNull("parentId")).allMatch(s -> ids.contains(s.path("parentId").asString()));
    }

    /** The trace whose root is the bridge's capture of shop.product row {@code id}, or an empty list. */
    private static List<JsonNode> rootedAtCapture(int id) throws Exception {
        JsonNode traces = zipkin("/api/v2/traces?serviceName=cdc-bridge&limit=50&annotationQuery="
                + URLEncoder.encode("table=shop.product and row.key=" + id, StandardCharsets.UTF_8));
        for (JsonNode trace : traces) {
            List<JsonNode> spans = spans(trace);
            boolean rooted = spans.stream().anyMatch(s -> s.path("name").asString().equals("capture and publish")
                    && s.path("tags").path("row.key").asString().equals(String.valueOf(id)) && !s.hasNonNull("parentId"));
            if (rooted) {
                return spans;
            }
        }
        return List.of();
    }

    private static Optional<JsonNode> find(List<JsonNode> spans, String name, String tag, String value) {
        return spans.stream().filter(s -> s.path("name").asString().equals(name) && s.path("tags").path(tag).asString("").equals(value))
                .findFirst();
    }

    private static List<String> ancestors(List<JsonNode> trace, JsonNode span) {
        List<String> ids = new ArrayList<>();
        String parent = parent(span);
        while (parent != null) {
            ids.add(parent);
            String current = parent;
            parent = trace.stream().filter(s -> id(s).equals(current)).findFirst().map(TracingTests::parent).orElse(null);
        }
        return ids;
    }

    private static List<JsonNode> spans(JsonNode trace) {
        List<JsonNode> spans = new ArrayList<>();
        trace.forEach(spans::add);
        return spans;
    }

    private static String service(JsonNode span) {
        return span.path("localEndpoint").path("serviceName").asString("");
    }

    private static String id(JsonNode span) {
        return span.path("id").asString();
    }

    private static String parent(JsonNode span) {
        return span.hasNonNull("parentId") ? span.path("parentId").asString() : null;
    }

    private static long start(JsonNode span) {
        return span.path("timestamp").asLong();
    }

    private static JsonNode zipkin(String path) throws Exception {
        HttpResponse<String> response = KitRunner.get(KIT.url("KIT_ZIPKIN_PORT") + path);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static int status(String path) throws Exception {
        return KitRunner.get(KIT.url("KIT_ZIPKIN_PORT") + path).statusCode();
    }
}
