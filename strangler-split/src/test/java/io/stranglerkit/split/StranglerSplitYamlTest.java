package io.stranglerkit.split;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The module as another team would use it: a plain gateway application, routes in YAML
 * (application-split.yml), no code of its own, real HTTP backends.
 */
@SpringBootTest(classes = AnyGatewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("split")
class StranglerSplitYamlTest {

    static final HttpBackend LEGACY = new HttpBackend("legacy");
    static final HttpBackend ORDERS = new HttpBackend("orders-service");
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        registry.add("legacy-url", LEGACY::url);
        registry.add("orders-url", ORDERS::url);
    }

    @LocalServerPort
    int port;

    @Autowired
    SplitRoutes routes;

    @AfterAll
    static void stop() {
        LEGACY.close();
        ORDERS.close();
    }

    @BeforeEach
    void reset() {
        ORDERS.status = 200;
        routes.get("orders-read").change(new Split(100, true));
        routes.get("orders-write").change(new Split(100, true));
    }

    @Test
    void theYamlDeclaresTheRoutesAndTheirStartingSplit() {
        assertThat(routes.all()).extracting(SplitRoute::id).containsExactly("orders-read", "orders-write", "reports");
        SplitRoute reports = routes.get("reports");
        assertThat(reports.service()).isEqualTo("orders-service");
        assertThat(reports.split()).isEqualTo(new Split(25, false));
    }

    @Test
    void theServiceGetsItsShareWithPathAndQueryAndSaysSo() throws Exception {
        HttpResponse<String> toService = get("/orders/7?expand=lines");
        assertThat(toService.body()).isEqualTo("orders-service");
        assertThat(toService.headers().firstValue(ServedByFilter.SERVED_BY)).hasValue("orders-service");
        assertThat(ORDERS.received).contains("GET /orders/7?expand=lines");

        routes.get("orders-read").change(new Split(0, true));
        assertThat(get("/orders/7").body()).isEqualTo("legacy");
        assertThat(get("/orders/7").headers().firstValue(ServedByFilter.SERVED_BY)).hasValue("monolith");
        assertThat(get("/elsewhere").headers().firstValue(ServedByFilter.SERVED_BY)).as("a route without a split").hasValue("monolith");
    }

    @Test
    void aStickySplitKeepsEachClientOnOneSide() throws Exception {
        routes.get("orders-read").change(new Split(50, true));
        Set<String> sides = new HashSet<>();
        for (int client = 0; client < 40; client++) {
            String first = get("/orders/1", "X-Client-Id", "c" + client).body();
            for (int again = 0; again < 3; again++) {
                assertThat(get("/orders/1", "X-Client-Id", "c" + client).body()).isEqualTo(first);
            }
            sides.add(first);
        }
        assertThat(sides).containsExactlyInAnyOrder("legacy", "orders-service");
    }

    @Test
    void xRouteToIsIgnoredUnlessAllowed() throws Exception {
        assertThat(get("/orders/1", StranglerSplitGatewayFilterFactory.ROUTE_TO, "monolith").body()).isEqualTo("orders-service");
    }

    @Test
    void aFailingServiceSendsReadsToTheRoutesUriButNeverReplaysWrites() throws Exception {
        ORDERS.status = 500;
        HttpResponse<String> read = get("/orders/3");
        assertThat(read.body()).isEqualTo("legacy");
        assertThat(read.headers().firstValue(ServedByFilter.FALLBACK)).hasValue("orders-service answered 500");

        LEGACY.received.clear();
        HttpResponse<String> write = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/orders"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(write.statusCode()).isEqualTo(502);
        assertThat(write.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(write.body()).contains("\"status\":502").contains("not sent to the monolith");
        assertThat(LEGACY.received).isEmpty();
    }

    private HttpResponse<String> get(String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
