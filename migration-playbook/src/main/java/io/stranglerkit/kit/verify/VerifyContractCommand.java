package io.stranglerkit.kit.verify;

import io.stranglerkit.contract.ContractCheck;
import io.stranglerkit.contract.Exchange;
import io.stranglerkit.contract.HttpExchanges;
import io.stranglerkit.contract.ShopContract;
import io.stranglerkit.contract.Violation;
import io.stranglerkit.kit.KitException;
import io.stranglerkit.kit.launcher.KitSettings;
import io.stranglerkit.kit.launcher.Topology;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code kit verify contract}: live answers of every side checked against the shop's API contract. */
@Command(name = "contract", mixinStandardHelpOptions = true,
        description = {"Checks every side's answers against the shop's API contract (shop-contract's OpenAPI document).",
                "Each operation goes through the proxy as several clients (a split route is sampled on both sides).",
                "Each read also goes straight to every side that publishes it at /v3/api-docs.",
                "Bad input must get a documented refusal; writes touch only a product made for the check (--read-only: none).",
                "Exit 0 clean, 1 violations, 2 bad usage."})
public class VerifyContractCommand implements Callable<Integer> {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** The kit part behind each side as the proxy names it (X-Served-By, the columns of the report). */
    private static final Map<String, String> PARTS = Map.of(
            "monolith", Topology.MONOLITH, "search-service", Topology.SEARCH, "catalog-service", Topology.CATALOG);

    @Option(names = "--contract", paramLabel = "FILE",
            description = "Check against this OpenAPI document (YAML or JSON) instead of the kit's, e.g. the next version of the contract.")
    Path contractFile;

    @Option(names = "--clients", defaultValue = "4", description = "Clients each read is sent as through the proxy, 1-100 (default ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--read-only", description = "Send no write that would succeed.")
    boolean readOnly;

    @Option(names = "--show", defaultValue = "20", description = "How many violations to list, 0-10000 (default ${DEFAULT-VALUE}).")
    int show;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ContractTally tally = new ContractTally();
    private ContractCheck contract;

    @Override
    public Integer call() throws Exception {
        if (clients < 1 || clients > 100 || show < 0 || show > 10_000) {
            throw new KitException("--clients must be 1-100 and --show 0-10000", "e.g. kit verify contract --clients 8", 2);
        }
        contract = contractFile == null ? new ContractCheck() : load(contractFile);
        KitSettings settings = KitSettings.fromEnvironment();
        Topology topology = new Topology(settings);
        topology.requireReady(Topology.PROXY);
        String proxy = topology.part(Topology.PROXY).url();
        ContractSamples.ShopData shop = ContractSamples.ShopData.from(json(send(proxy, "GET", "/api/categories", null, null)),
                json(send(proxy, "GET", "/api/products?size=1", null, null)));
        if (shop == null) {
            throw new KitException("no category and product to sample: the proxy answered no shop data",
                    "check ./kit status; an empty shop is seeded with ./kit up --products 2000");
        }
        PrintStream out = System.out;
        out.println("Contract: " + (contractFile == null ? "the kit's (shop-contract/src/main/resources/" + ShopContract.LOCATION + ")" : contractFile));
        List<ContractSamples.Sample> reads = ContractSamples.reads(shop);
        for (ContractSamples.Sample read : reads) {
            for (int client = 1; client <= clients; client++) {
                check(proxy, read.method(), read.path(), null, "contract-check-" + client);
            }
        }
        for (ContractSamples.Sample write : ContractSamples.refusedWrites(shop)) {
            check(proxy, write.method(), write.path(), write.body(), "contract-check-1");
        }
        if (!readOnly) {
            writeCycle(proxy, shop.categoryId());
        }
        for (String side : ContractTally.SIDES) {
            checkDirectly(topology, settings, side, reads, out);
        }
        tally.print(out, show);
        return tally.clean() ? 0 : 1;
    }

    /** Create, read, update, a stale update, delete: one product of the check's own, through the proxy. */
    private void writeCycle(String proxy, long categoryId) throws InterruptedException {
        String sku = "CONTRACT-" + System.currentTimeMillis();
        HttpResponse<String> created = check(proxy, "POST", "/api/products", ContractSamples.product(sku, "12.50", categoryId, 0), "contract-check-1");
        if (created.statusCode() != 201) {
            return;
        }
        JsonNode product = json(created);
        String path = "/api/products/" + product.path("id").asLong();
        long version = product.path("version").asLong();
        check(proxy, "GET", path, null, "contract-check-1");
        HttpResponse<String> updated = check(proxy, "PUT", path, ContractSamples.product(sku, "13", categoryId, version), "contract-check-1");
        long current = updated.statusCode() == 200 ? json(updated).path("version").asLong() : version;
        check(proxy, "PUT", path, ContractSamples.product(sku, "14", categoryId, version), "contract-check-1");
        check(proxy, "DELETE", path + "?version=" + current, null, "contract-check-1");
    }

    /** The side's own /v3/api-docs says what it serves; each read of those operations is sent to it directly. */
    private void checkDirectly(Topology topology, KitSettings settings, String side, List<ContractSamples.Sample> reads, PrintStream out)
            throws InterruptedException {
        String partName = PARTS.get(side);
        if (topology.part(partName) == null || topology.part(partName).whyNotReady(settings.log(partName)) != null) {
            out.printf(Locale.ROOT, "%s: not running, checked through the proxy only%n", side);
            return;
        }
        String url = topology.part(partName).url();
        HttpResponse<String> docs = send(url, "GET", "/v3/api-docs", null, null);
        if (docs.statusCode() != 200) {
            tally.add("GET /v3/api-docs", side, List.of(new Violation("GET /v3/api-docs",
                    "GET " + url + "/v3/api-docs -> " + docs.statusCode(), "status", "the side publishes no contract")));
            return;
        }
        Set<String> published = ShopContract.operations(json(docs));
        out.printf(Locale.ROOT, "%s publishes %d operation(s) at %s/v3/api-docs%n", side, published.size(), url);
        for (ContractSamples.Sample read : reads) {
            if (contract.operation(read.method(), read.path().split("\\?")[0]).filter(published::contains).isPresent()) {
                check(url, read.method(), read.path(), null, null, side);
            }
        }
    }

    private HttpResponse<String> check(String base, String method, String path, String body, String clientId) throws InterruptedException {
        return check(base, method, path, body, clientId, null);
    }

    /** Sends, checks, and counts the answer for the side that gave it ({@code X-Served-By} through the proxy). */
    private HttpResponse<String> check(String base, String method, String path, String body, String clientId, String side)
            throws InterruptedException {
        HttpRequest request = request(base, method, path, body, clientId);
        HttpResponse<String> response = send(request);
        Exchange exchange = HttpExchanges.of(request, body, response);
        String answeredBy = side != null ? side : response.headers().firstValue("X-Served-By").orElse("proxy");
        contract.operation(method, exchange.path()).ifPresent(operation -> tally.add(operation, answeredBy, contract.check(exchange)));
        return response;
    }

    private HttpResponse<String> send(String base, String method, String path, String body, String clientId) throws InterruptedException {
        return send(request(base, method, path, body, clientId));
    }

    private static HttpRequest request(String base, String method, String path, String body, String clientId) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            builder.header("Content-Type", "application/json");
        }
        if (clientId != null) {
            builder.header("X-Client-Id", clientId);
        }
        return builder.build();
    }

    private HttpResponse<String> send(HttpRequest request) throws InterruptedException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new KitException(request.method() + " " + request.uri() + " failed: " + e.getMessage(), "check the kit with ./kit status");
        }
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (RuntimeException e) {
            throw new KitException("not JSON from " + response.uri() + " (" + response.statusCode() + ")", "check the kit with ./kit status");
        }
    }

    private static ContractCheck load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new KitException("no contract file " + file, "give the path of an OpenAPI 3 document, e.g. a changed copy of "
                    + "shop-contract/src/main/resources/" + ShopContract.LOCATION, 2);
        }
        try {
            return new ContractCheck(Files.readString(file));
        } catch (IOException | RuntimeException e) {
            throw new KitException("cannot read the contract " + file + ": " + e.getMessage(), "give an OpenAPI 3 document in YAML or JSON", 2);
        }
    }
}
