package io.stranglerkit.system.kit;

import io.stranglerkit.contract.ShopContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Runs the packaged kit the way a user does ({@code java -jar kit.jar up|status|down}), on free
 * ports and a private data folder, against the real MariaDB, Kafka and monolith.
 */
class KitEndToEndIT {

    private static final KitRunner KIT = new KitRunner();
    private static final Map<String, String> ENV = KIT.env;
    private static final Path HOME = KIT.home;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @AfterAll
    static void downAnyway() throws Exception {
        KIT.kit("down");
    }

    /**
     * With reads and writes split between the sides, every side keeps the shop's API contract, each
     * publishes its part (linked through the proxy), and a breaking change to the contract is caught.
     */
    private static void checkTheContractLive(String proxy) throws Exception {
        HttpResponse<String> searchDocs = KitRunner.get(proxy + "/v3/api-docs/search-service");
        assertThat(ShopContract.operations(ShopContract.parse(searchDocs.body()))).containsExactly("GET /api/products/search");
        assertThat(searchDocs.headers().firstValue("X-Served-By")).hasValue("search-service");
        assertThat(ShopContract.operations(ShopContract.parse(KitRunner.get(proxy + "/v3/api-docs/catalog-service").body())))
                .containsExactlyInAnyOrder("GET /api/products", "POST /api/products", "GET /api/products/{id}", "PUT /api/products/{id}",
                        "DELETE /api/products/{id}", "GET /api/categories", "GET /api/categories/{id}");

        KitRunner.Result contract = KIT.kit("verify", "contract");
        assertThat(contract.exit()).as(contract.output()).isZero();
        assertThat(contract.output()).contains("search-service publishes 1 operation(s)", "catalog-service publishes 7 operation(s)",
                "Clean: all").containsPattern("GET /api/products/search\\s+\\d+ ok\\s+\\d+ ok\\s+-")
                .containsPattern("PUT /api/products/\\{id}\\s+\\S+");

        // The next version of the contract says prices are numbers: every side breaks it, and says where.
        Path next = HOME.resolve("shop-api-next.yaml");
        Files.writeString(next, ShopContract.yaml().replace("    Price:\n      description: a decimal string with two decimals, 0.00 to 99999999.99\n      type: string",
                "    Price:\n      description: a number\n      type: number"));
        KitRunner.Result breaking = KIT.kit("verify", "contract", "--contract", next.toString(), "--read-only", "--show", "3");
        assertThat(breaking.exit()).as(breaking.output()).isEqualTo(1);
        assertThat(breaking.output()).contains("BROKEN", "response body /items/0/price", "violation(s):");
        assertThat(KIT.kit("verify", "contract", "--clients", "0").exit()).isEqualTo(2);
        KitRunner.Result noFile = KIT.kit("verify", "contract", "--contract", HOME.resolve("none.yaml").toString());
        assertThat(noFile.exit()).isEqualTo(2);
        assertThat(noFile.output()).contains("no contract file");
    }

    @Test
    void upStatusDownUpKeepsDataAndDownLeavesNoProcess() throws Exception {
        // Two parts on one port: refused before anything starts, naming both variables.
        KitRunner.Result clash = KIT.kitWith(Map.of("KIT_CATALOG_PORT", ENV.get("KIT_SEARCH_PORT")), "up", "--products", "2000");
        assertThat(clash.exit()).as(clash.output()).isEqualTo(2);
        assertThat(clash.output()).contains("KIT_SEARCH_PORT and KIT_CATALOG_PORT are both " + ENV.get("KIT_SEARCH_PORT"));
        assertThat(HOME.resolve("run")).doesNotExist();

        KitRunner.Result up = KIT.kit("up", "--products", "2000");
        assertThat(up.exit()).as(up.output()).isZero();
        assertThat(up.output()).contains("The kit is up", "seeding 2,000 products", "[7/8] routing-proxy", "[8/8] migration-console",
                        "Console:     " + KIT.url("KIT_CONSOLE_PORT"))
                .doesNotContain("not built yet");

        // Every part healthy: right after kit up a check can be slow on a busy machine, so allow a minute.
        AtomicReference<KitRunner.Result> healthy = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            healthy.set(KIT.kit("status"));
            assertThat(healthy.get().exit()).as(healthy.get().output()).isZero();
        });
        KitRunner.Result status = healthy.get();
        assertThat(status.output()).containsPattern("mariadb\\s+up\\s+\\d+\\s+\\d+\\s+healthy")
                .containsPattern("kafka\\s+up\\s+\\d+\\s+\\d+\\s+healthy")
                .containsPattern("legacy-monolith\\s+up\\s+\\d+\\s+\\d+\\s+healthy")
                .containsPattern("routing-proxy\\s+up\\s+\\d+\\s+\\d+\\s+healthy")
                .containsPattern("migration-console\\s+up\\s+\\d+\\s+\\d+\\s+healthy")
                .containsPattern("cdc-bridge\\s+up\\s+\\d+\\s+\\d+\\s+healthy")
                .containsPattern("extracted-search-service\\s+up\\s+\\d+\\s+\\d+\\s+healthy")
                .containsPattern("extracted-catalog-service\\s+up\\s+\\d+\\s+\\d+\\s+healthy")
                .containsPattern("Search model: [a-z-]+; [\\d,]+ products")
                .containsPattern("Catalog: [\\d,]+ products; writes")
                .containsPattern("CDC: (snapshotting|connecting|streaming); [\\d,]+ events published");
        KitRunner.Result console = KIT.kit("console", "--no-open");
        assertThat(console.exit()).as(console.output()).isZero();
        assertThat(console.output()).contains("Console: " + KIT.url("KIT_CONSOLE_PORT"));

        // Through the proxy: unmigrated and 0% routes reach the monolith, which says so.
        String proxy = "http://127.0.0.1:" + ENV.get("KIT_PROXY_PORT");
        HttpResponse<String> proxied = KitRunner.get(proxy + "/api/products/search?q=oak&size=1");
        assertThat(proxied.statusCode()).isEqualTo(200);
        assertThat(proxied.headers().firstValue("X-Served-By")).hasValue("monolith");
        assertThat(proxied.headers().firstValue("X-Correlation-Id")).isPresent();
        KitRunner.Result set = KIT.kit("route", "set", "search", "40");
        assertThat(set.exit()).as(set.output()).isZero();
        assertThat(set.output()).contains("search: 40% to search-service, sticky true");
        KitRunner.Result tooMuch = KIT.kit("route", "set", "search", "150");
        assertThat(tooMuch.exit()).isEqualTo(2);
        assertThat(tooMuch.output()).contains("servicePercent must be between 0 and 100");
        assertThat(KIT.kit("route", "set", "nope", "10").output()).contains("no route 'nope'");

        // At 100% the search service answers through the proxy, with the monolith's exact body once CDC caught up.
        assertThat(KIT.kit("route", "set", "search", "100").exit()).isZero();
        String query = "/api/products/search?q=oak%20chair&size=5";
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            HttpResponse<String> viaProxy = KitRunner.get(proxy + query);
            assertThat(viaProxy.headers().firstValue("X-Served-By")).hasValue("search-service");
            assertThat(viaProxy.body()).isEqualTo(KitRunner.get("http://127.0.0.1:" + ENV.get("KIT_MONOLITH_PORT") + query).body());
        });
        // The guided walkthrough, unattended, from routes a user left in odd states (non-sticky, half-moved):
        // baseline, CDC check, parallel run, a manual canary, a ramp to 100%, kill and fallback, back, then the catalog.
        assertThat(KIT.kit("route", "set", "search", "30", "--no-sticky").exit()).isZero();
        assertThat(KIT.kit("route", "set", "catalog-read", "70", "--no-sticky").exit()).isZero();
        assertThat(KIT.kit("route", "set", "catalog-write", "20", "--no-sticky").exit()).isZero();
        checkTheContractLive(proxy);
        // In Korean (a class's language): the same steps and checks, the explanations from the Korean messages.
        KitRunner.Result walkthrough = KIT.kitWith(Map.of("KIT_LANG", "ko"), "walkthrough", "--auto");
        assertThat(walkthrough.exit()).as(walkthrough.output()).isZero();
        assertThat(walkthrough.output()).contains("마이그레이션 콘솔에서 실시간으로 보세요: " + KIT.url("KIT_CONSOLE_PORT"),
                "  콘솔: Parts: extracted-search-service가 빨간색이 됩니다", "== 단계 3/14: 병렬 실행", "일치율 100.00%",
                "모든 스텝이 체크를 통과했습니다: search가 100%입니다", "램프 완료: 읽기 12건 모두 카탈로그가 처리했습니다",
                "== 단계 9/14", "모두 X-Fallback이 붙었습니다", "서비스가 돌아와 모든 검색을 처리합니다",
                "== 단계 14/14", "단계마다 두 데이터베이스가 같았습니다", "카탈로그가 상품 쓰기를 소유합니다", "  $ kit route set search 10 --sticky");
        assertThat(KIT.kit("walkthrough", "--step", "0").exit()).isEqualTo(2);

        // Lab checkpoints: the walkthrough ends where labs 7 and 12 do; lab 1 is behind us and says what to do.
        for (String lab : List.of("lab-7", "lab-12")) {
            KitRunner.Result done = KIT.kit("check", lab);
            assertThat(done.exit()).as(done.output()).isZero();
        }
        assertThat(KIT.kit("route", "set", "search", "40").exit()).isZero();
        KitRunner.Result lab1 = KIT.kit("check", "lab-1");
        assertThat(lab1.exit()).isEqualTo(1);
        assertThat(lab1.output()).contains("[--] search is not migrated yet", "search is at 40%; set it with ./kit route set search 0");
        assertThat(KIT.kit("check", "lab-13").exit()).isEqualTo(2);
        assertThat(KIT.kit("restart", "no-such-part").exit()).isEqualTo(2);

        // The consistency check finding drift is lab 3's (TracedKitIT runs it); here its bad input.
        assertThat(KIT.kit("verify", "search", "--chunk", "5").exit()).isEqualTo(2);

        // A short latency comparison: the side-by-side table, and an HTML report with the chart.
        KitRunner.Result compare = KIT.kit("bench", "compare", "search", "--duration", "2s", "--warmup", "1s", "--concurrency", "2");
        assertThat(compare.exit()).as(compare.output()).isZero();
        assertThat(compare.output()).containsPattern("monolith \\(legacy-monolith\\)\\s+\\d+\\s+0\\s")
                .containsPattern("service \\(extracted-search-service\\)\\s+\\d+\\s+0\\s").contains("p95/first");
        java.util.regex.Matcher reportPath = java.util.regex.Pattern.compile("Report with a percentile chart: (\\S+report\\.html)")
                .matcher(compare.output());
        assertThat(reportPath.find()).as(compare.output()).isTrue();
        assertThat(Files.readString(Path.of(reportPath.group(1)))).contains("<svg", "extracted-search-service");

        String monolith = "http://127.0.0.1:" + ENV.get("KIT_MONOLITH_PORT");
        assertThat(KitRunner.get(monolith + "/api/products?size=1").body()).contains("\"total\":2000");
        HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(URI.create(monolith + "/api/products"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"sku\":\"E2E-KEPT\",\"name\":\"Keptacrossrestarts lamp\",\"price\":\"1.00\",\"categoryId\":3}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

        // kit up with everything running starts nothing and says so.
        KitRunner.Result again = KIT.kit("up");
        assertThat(again.exit()).as(again.output()).isZero();
        assertThat(again.output()).contains("Started: nothing; already up: mariadb, kafka, legacy-monolith", "2,000 products already seeded");

        // Two parts die: kit status says how, kit up brings back exactly those two.
        KIT.killPart("cdc-bridge");
        KIT.killPart("extracted-search-service");
        KitRunner.Result crashed = KIT.kit("status");
        assertThat(crashed.exit()).isEqualTo(1);
        assertThat(crashed.output()).containsPattern("cdc-bridge\\s+crashed\\s+-\\s+\\d+\\s+killed by SIGKILL")
                .containsPattern("extracted-search-service\\s+crashed").contains("cdc-bridge crashed (killed by SIGKILL). Last lines of its log:");
        KitRunner.Result recovered = KIT.kit("up");
        assertThat(recovered.exit()).as(recovered.output()).isZero();
        assertThat(recovered.output()).contains("cdc-bridge had crashed (killed by SIGKILL); starting it again",
                "Started: cdc-bridge, extracted-search-service; already up: mariadb, kafka, legacy-monolith, extracted-catalog-service, routing-proxy,"
                        + " migration-console.");

        // Supervised: a part that dies comes back by itself; a part stopped on purpose stays down.
        KitRunner.Result supervised = KIT.kit("up", "--supervise");
        assertThat(supervised.exit()).as(supervised.output()).isZero();
        assertThat(supervised.output()).contains("Supervisor: started");
        long killed = KIT.killPart("extracted-search-service");
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                assertThat(KIT.kit("status").output()).containsPattern("extracted-search-service\\s+up\\s+(\\d+)\\s+\\d+\\s+healthy\\s+\\S+\\s+1\\s"));
        assertThat(KIT.recordedPid("extracted-search-service")).isNotEqualTo(killed);
        assertThat(KIT.kit("stop", "extracted-search-service").output()).contains("stopped");
        Thread.sleep(4000);
        KitRunner.Result stopped = KIT.kit("status");
        assertThat(stopped.output()).containsPattern("extracted-search-service\\s+down").contains("Supervisor: on");
        assertThat(KIT.kit("stop", "nope").exit()).isEqualTo(2);
        assertThat(KIT.kit("up").output()).contains("Started: extracted-search-service;");

        List<Long> pids = KIT.recordedPids();
        assertThat(pids).hasSize(9); // eight parts and the supervisor
        List<ProcessHandle> family = new ArrayList<>();
        pids.forEach(pid -> ProcessHandle.of(pid).ifPresent(h -> {
            family.add(h);
            h.parent().ifPresent(family::add); // the shell that records the exit status
            family.addAll(h.descendants().toList());
        }));

        KitRunner.Result down = KIT.kit("down");
        assertThat(down.exit()).as(down.output()).isZero();
        // The recording shells end just after their parts: allow them a moment.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(family).noneMatch(ProcessHandle::isAlive));
        assertThat(KIT.kit("status").exit()).isEqualTo(1);
        // Commands that need a running kit say so instead of failing obscurely.
        KitRunner.Result noKit = KIT.kit("verify", "search");
        assertThat(noKit.exit()).isEqualTo(1);
        assertThat(noKit.output()).contains("mariadb is not running", "start the kit with ./kit up");
        assertThat(KIT.kit("walkthrough", "--auto").output()).contains("is not running");
        KitRunner.Result noConsole = KIT.kit("console");
        assertThat(noConsole.exit()).isEqualTo(1);
        assertThat(noConsole.output()).contains("the console is not running");

        KitRunner.Result restarted = KIT.kit("up", "--products", "2000");
        assertThat(restarted.exit()).as(restarted.output()).isZero();
        assertThat(restarted.output()).contains("2,000 products already seeded");
        assertThat(KitRunner.get(monolith + "/api/products/search?q=keptacrossrestarts").body()).contains("E2E-KEPT");
        KitRunner.Result routes = KIT.kit("route", "list");
        assertThat(routes.exit()).isZero();
        assertThat(routes.output()).as("route split kept across the restart").containsPattern("search\\s+40\\s+yes\\s+0\\s+search-service");
        assertThat(KIT.kit("down").exit()).isZero();
    }
}
