package io.stranglerkit.system.proxy;

import io.stranglerkit.infra.AppProcess;
import io.stranglerkit.infra.mariadb.LocalMariaDb;
import io.stranglerkit.system.search.Pipeline;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The parallel run on the real search extraction: the routing proxy shadows searches from the
 * monolith to the search service, which is fed by the real cdc-bridge through Kafka. Tests run in
 * order on one pipeline.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ParallelRunIT {

    private static final String QUERY = "/api/products/search?q=oak&size=100";

    private Pipeline pipeline;
    private AppProcess proxy;
    private int adminPort;

    @BeforeAll
    void start() throws Exception {
        pipeline = new Pipeline(300);
        adminPort = LocalMariaDb.freePort();
        String id = UUID.randomUUID().toString().substring(0, 8);
        proxy = new AppProcess("routing-proxy", "parallel-run-" + id, Map.of(
                "PROXY_ADMIN_PORT", String.valueOf(adminPort),
                "KIT_ADMIN_TOKEN", Pipeline.ADMIN_TOKEN,
                "MONOLITH_URL", pipeline.monolith.url(),
                "SEARCH_SERVICE_URL", pipeline.search.url(),
                "CATALOG_SERVICE_URL", "http://127.0.0.1:" + LocalMariaDb.freePort(),
                "CDC_BRIDGE_URL", pipeline.bridge.url(),
                // Long enough for the bridge to be restarted while a difference waits.
                "PROXY_SHADOW_RECHECK_DEADLINE", "120s",
                "PROXY_DATA_DIR", Path.of("target", "parallel-run-" + id).toAbsolutePath().toString()))
                .withManagementPort("PROXY_MANAGEMENT_PORT").start().awaitHealthy(Duration.ofSeconds(120));
        await().atMost(Duration.ofSeconds(60)).until(() -> pipeline.modelProducts().equals(pipeline.monolithProducts()));
        assertThat(admin("PUT", "/admin/routes/search", "{\"servicePercent\":0,\"shadowPercent\":100}").statusCode()).isEqualTo(200);
    }

    @AfterAll
    void stop() throws Exception {
        if (proxy != null) {
            proxy.close();
        }
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    @Order(1)
    void theSameAnswersOnBothSidesGiveFullParity() throws Exception {
        reset();
        for (int page = 0; page < 10; page++) {
            for (String query : new String[]{"q=oak&size=7&page=" + page, "q=lamp&page=" + page}) {
                HttpResponse<String> answer = proxy.get("/api/products/search?" + query);
                assertThat(answer.headers().firstValue("X-Served-By")).hasValue("monolith");
            }
        }
        JsonNode diffs = await().atMost(Duration.ofSeconds(60)).until(this::diffs, d -> d.get("compared").asLong() == 20);
        assertThat(diffs.get("identical").asLong()).isEqualTo(20);
        assertThat(diffs.get("parityPercent").asDouble()).isEqualTo(100.0);
        assertThat(diffs.get("shadowErrors").asLong()).isZero();
    }

    @Test
    @Order(2)
    void aChangeTheReadModelHasNotAppliedYetIsLaggingThenIdenticalNeverDifferent() throws Exception {
        reset();
        long id = Pipeline.json(pipeline.monolith.get(QUERY).body()).get("items").get(0).get("id").asLong();
        // The bridge is down: the change waits in the binlog, so the service is certainly behind.
        pipeline.bridge.close();
        pipeline.execute("UPDATE " + pipeline.shopDb + ".product SET price_cents = price_cents + 111 WHERE id = " + id);
        proxy.get(QUERY);
        await().atMost(Duration.ofSeconds(30)).until(() -> diffs().get("lagging").asLong() == 1);
        assertThat(diffs().get("pending").asLong()).as("waits for the bridge and the feed").isEqualTo(1);
        pipeline.bridge.start().awaitHealthy(Duration.ofSeconds(120));
        JsonNode diffs = await().atMost(Duration.ofSeconds(120)).until(this::diffs, d -> d.get("pending").asLong() == 0);
        assertThat(diffs.get("identical").asLong()).isEqualTo(1);
        assertThat(diffs.get("different").asLong()).isZero();
        assertThat(diffs.get("unresolved").asLong()).isZero();
    }

    @Test
    @Order(3)
    void aDifferencePlantedInTheServicesOwnModelIsDifferentWithItsPathAndAnExample() throws Exception {
        reset();
        long id = Pipeline.json(pipeline.monolith.get(QUERY).body()).get("items").get(1).get("id").asLong();
        // Behind everyone's back: raw SQL on the search service's own schema, which its index is built from
        // when the service starts without one.
        pipeline.execute("UPDATE " + pipeline.searchDb + ".product_doc SET price_cents = 4321 WHERE id = " + id);
        pipeline.search.close();
        pipeline.deleteSearchIndex();
        pipeline.search.start().awaitHealthy(Duration.ofSeconds(120));
        reset();
        String answer = proxy.get(QUERY).body();
        assertThat(answer).as("the client still gets the monolith's answer").doesNotContain("\"43.21\"");
        JsonNode diffs = await().atMost(Duration.ofSeconds(60)).until(this::diffs, d -> d.get("different").asLong() == 1);
        JsonNode top = diffs.get("topPaths").get(0);
        assertThat(diffs.get("topPaths")).hasSize(1);
        assertThat(top.get("path").asString()).isEqualTo("$.items[*].price");
        assertThat(top.get("example").get("shadow").asString()).isEqualTo("\"43.21\"");
        JsonNode sample = diffs.get("samples").get(0);
        assertThat(sample.get("uri").asString()).isEqualTo("/api/products/search?q=oak&size=100");
        assertThat(sample.get("shadow").get("side").asString()).isEqualTo("search-service");
        assertThat(diffs.get("parityPercent").asDouble()).isZero();
    }

    private void reset() throws Exception {
        assertThat(admin("DELETE", "/admin/diffs/search", null).statusCode()).isEqualTo(200);
    }

    private JsonNode diffs() throws Exception {
        return Pipeline.json(admin("GET", "/admin/diffs/search", null).body());
    }

    private HttpResponse<String> admin(String method, String path, String body) throws Exception {
        return proxy.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + path))
                .header("Authorization", "Bearer " + Pipeline.ADMIN_TOKEN).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)));
    }
}
