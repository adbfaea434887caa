package io.stranglerkit.system.kit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Kills each part of a running kit in turn ({@code kill -9}) under a steady load of reads and writes
 * through the proxy, brings it back with {@code kit up}, and checks what a migration team relies on:
 * nothing hangs, reads keep answering while a service is down, the kit is healthy again within a
 * minute, and no acknowledged write is lost on either side. Prints the table bench/README.md shows.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultInjectionIT {

    private static final KitRunner KIT = new KitRunner();
    private static final Duration DOWN_FOR = Duration.ofSeconds(6);
    private static final List<String> FAULTS = List.of("extracted-search-service", "extracted-catalog-service", "cdc-bridge",
            "legacy-monolith", "kafka", "mariadb", "routing-proxy");

    record Row(String fault, SteadyLoad.Window down, double healthySeconds, int lost) {
    }

    @BeforeAll
    static void up() throws Exception {
        KitRunner.Result up = KIT.kit("up", "--products", "500");
        assertThat(up.exit()).as(up.output()).isZero();
        for (String[] route : new String[][]{{"search", "100"}, {"catalog-read", "50"}, {"catalog-write", "50"}}) {
            assertThat(KIT.kit("route", "set", route[0], route[1], "--sticky").exit()).isZero();
        }
        KIT.awaitCatalogWritesOpen();
    }

    @AfterAll
    static void down() throws Exception {
        KIT.kit("down");
    }

    /** Every port of the kit, public and admin: a 64 KB header is 431, a 2 MB body 413, never a 500 or a hang. */
    @Test
    @Order(1)
    void everyPortRefusesAnOversizedHeaderWith431AndAnOversizedBodyWith413() throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
        String token = Files.readString(KIT.home.resolve("admin-token")).trim();
        String bigHeader = "x".repeat(64 * 1024);
        String bigBody = "{\"name\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}";
        Map<String, String> ports = new TreeMap<>(Map.of(
                "monolith", KIT.url("KIT_MONOLITH_PORT") + "/api/products",
                "search", KIT.url("KIT_SEARCH_PORT") + "/api/products/search",
                "catalog", KIT.url("KIT_CATALOG_PORT") + "/api/products",
                "cdc-bridge", KIT.url("KIT_CDC_PORT") + "/admin/snapshots",
                "proxy (public)", KIT.url("KIT_PROXY_PORT") + "/api/products",
                "proxy (admin)", KIT.url("KIT_PROXY_ADMIN_PORT") + "/admin/routes/search"));
        ports.forEach((name, url) -> {
            try {
                assertThat(headerStatus(http, url, bigHeader)).as("%s with a 64 KB header", name).isEqualTo(431);
                // With the kit's token: an admin port refuses a request without one (401) before it reads any body.
                HttpResponse<String> body = http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + token)
                        .PUT(HttpRequest.BodyPublishers.ofString(bigBody)).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(body.statusCode()).as("%s with a 2 MB body: %s", name, body.body()).isEqualTo(413);
                assertThat(body.headers().firstValue("Content-Type").orElse("")).as(name).contains("problem+json");
            } catch (java.io.IOException e) {
                // A server may close the connection while the client still sends: only acceptable after it answered 413.
                throw new AssertionError(name + ": " + e, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        });
    }

    /** curl sends "Expect: 100-continue" with a large body; through the proxy it must still get the backend's 413. */
    @Test
    @Order(2)
    void aLargeBodyThatWaitsForContinueGetsTheBackends413ThroughTheProxy() throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        for (String side : new String[]{"catalog-write 100", "catalog-write 0"}) {
            assertThat(KIT.kit("route", "set", side.split(" ")[0], side.split(" ")[1], "--sticky").exit()).isZero();
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(KIT.url("KIT_PROXY_PORT") + "/api/products/7"))
                    .expectContinue(true).header("Content-Type", "application/json").timeout(Duration.ofSeconds(10))
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("%s: %s", side, response.body()).isEqualTo(413);
        }
        assertThat(KIT.kit("route", "set", "catalog-write", "50", "--sticky").exit()).isZero();
    }

    /**
     * The server answers 431 and closes the connection; when the client is still writing the header
     * at that moment, it sees a reset instead of the answer. So a reset is tried again (up to three
     * times); any status other than 431 fails at once.
     */
    private static int headerStatus(HttpClient http, String url, String bigHeader) throws java.io.IOException, InterruptedException {
        java.io.IOException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                return http.send(HttpRequest.newBuilder(URI.create(url)).header("X-Big", bigHeader).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode();
            } catch (java.io.IOException e) {
                last = e;
            }
        }
        throw last;
    }

    @Test
    @Order(3)
    void eachPartKilledUnderLoadComesBackWithNothingLostAndNothingHung() throws Exception {
        List<Row> rows = new ArrayList<>();
        Map<String, String> sides = Map.of("monolith", KIT.url("KIT_MONOLITH_PORT"), "catalog-service", KIT.url("KIT_CATALOG_PORT"));
        List<Long> written = LongStream.rangeClosed(1, 40).boxed().toList();
        try (SteadyLoad load = new SteadyLoad(KIT.url("KIT_PROXY_PORT"), sides, written, 2, 2)) {
            Thread.sleep(5_000);
            SteadyLoad.Window steady = load.window();
            assertThat(steady.failed()).as("failures before any fault: %s", steady).isZero();
            assertThat(load.writtenThroughCatalog()).as("writes reach both sides").isPositive();
            rows.add(new Row("none (steady load, 5 s)", steady, 0, lost(load)));
            for (String part : FAULTS) {
                rows.add(inject(part, load));
            }
        }
        Path table = Path.of("target", "fault-table.md");
        Files.writeString(table, table(rows));
        System.out.println(table(rows));

        for (Row row : rows) {
            assertThat(row.down().hung()).as("%s: requests with no answer within %s", row.fault(), SteadyLoad.HUNG).isZero();
            assertThat(row.healthySeconds()).as("%s: seconds to healthy", row.fault()).isLessThan(60);
            assertThat(row.lost()).as("%s: acknowledged writes missing on a side", row.fault()).isZero();
        }
        assertThat(KIT.kit("verify", "catalog", "--wait", "60s").exit()).isZero();
        assertThat(KIT.kit("verify", "search", "--wait", "60s").exit()).isZero();
    }

    private Row inject(String part, SteadyLoad load) throws Exception {
        load.window();
        if (part.equals("mariadb")) {
            // The server, not its host JVM: the host must notice and exit so that the kit sees it.
            ProcessHandle host = ProcessHandle.of(KIT.recordedPid("mariadb")).orElseThrow();
            KitRunner.kill(host.descendants().filter(p -> p.info().command().orElse("").endsWith("/mariadbd")).findFirst().orElseThrow());
            await().atMost(Duration.ofSeconds(15)).until(() -> !host.isAlive());
        } else {
            KIT.killPart(part);
        }
        Thread.sleep(DOWN_FOR.toMillis());
        KitRunner.Result status = KIT.kit("status");
        assertThat(status.output()).as("kit status after killing " + part).containsPattern(part + "\\s+crashed");
        if (part.equals("extracted-search-service") || part.equals("extracted-catalog-service")) {
            SteadyLoad.Window sofar = load.window();
            assertThat(sofar.failed()).as("%s down: reads fall back to the monolith, writes to it fail fast; %s", part, sofar)
                    .isLessThanOrEqualTo(sofar.requests() / 2);
            load.window(); // keep counting from here
        }
        long started = System.nanoTime();
        KitRunner.Result up = KIT.kit("up");
        assertThat(up.exit()).as(up.output()).isZero();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> KIT.kit("status").exit() == 0);
        double healthy = (System.nanoTime() - started) / 1e9;
        SteadyLoad.Window down = load.window();
        return new Row("kill -9 " + (part.equals("mariadb") ? "mariadbd" : part), down, healthy, lost(load));
    }

    /** With writes held: acknowledged writes that both databases still do not show after a minute to converge. */
    private static int lost(SteadyLoad load) throws Exception {
        load.pauseWrites();
        try {
            return lost(load.acknowledged());
        } finally {
            load.resumeWrites();
        }
    }

    private static int lost(Map<Long, Long> acknowledged) throws Exception {
        Map<Long, String> missing = new TreeMap<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        do {
            missing.clear();
            Map<Long, Long> shop = prices("SELECT id, price_cents FROM shop.product");
            Map<Long, Long> catalog = prices("SELECT id, CAST(price * 100 AS SIGNED) FROM catalog.product WHERE deleted_at IS NULL");
            acknowledged.forEach((id, cents) -> {
                if (!cents.equals(shop.get(id)) || !cents.equals(catalog.get(id))) {
                    missing.put(id, "acknowledged " + cents + ", shop " + shop.get(id) + ", catalog " + catalog.get(id));
                }
            });
            if (missing.isEmpty()) {
                return 0;
            }
            Thread.sleep(500);
        } while (System.nanoTime() < deadline);
        System.out.println("acknowledged writes not on both sides: " + missing);
        return missing.size();
    }

    private static Map<Long, Long> prices(String sql) throws Exception {
        Map<Long, Long> out = new HashMap<>();
        try (Connection c = KIT.database(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.put(rs.getLong(1), rs.getLong(2));
            }
        }
        return out;
    }

    private static String table(List<Row> rows) {
        StringBuilder out = new StringBuilder("| fault | requests while down and back | failed | no answer in 5 s | slowest | healthy after `kit up` |"
                + " acknowledged writes lost |\n|---|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            out.append(String.format(Locale.ROOT, "| %s | %,d | %,d | %d | %,d ms | %s | %d |%n", r.fault(), r.down().requests(),
                    r.down().failed(), r.down().hung(), r.down().slowestMs(), r.healthySeconds() == 0 ? "-" : String.format(Locale.ROOT,
                            "%.1f s", r.healthySeconds()), r.lost()));
        }
        return out.toString();
    }
}
