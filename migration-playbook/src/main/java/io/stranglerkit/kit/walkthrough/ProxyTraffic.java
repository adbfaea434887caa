package io.stranglerkit.kit.walkthrough;

import io.stranglerkit.kit.KitException;
import io.stranglerkit.kit.launcher.Topology;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/** Traffic through the routing proxy as many distinct clients, counted by who answered (X-Served-By). */
final class ProxyTraffic {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a batch of requests through the proxy did, by who answered. */
    record Traffic(int requests, int byService, int byMonolith, int fallbacks, int errors) {
        double servicePercent() {
            return 100.0 * byService / Math.max(1, requests);
        }
    }

    @FunctionalInterface
    interface ClientRequest {
        HttpResponse<String> send(int client) throws Exception;
    }

    private final HttpClient http;
    private final String proxy;
    private final PrintStream out;

    ProxyTraffic(HttpClient http, Topology topology, PrintStream out) {
        this.http = http;
        this.proxy = topology.part(Topology.PROXY).url();
        this.out = out;
    }

    /**
     * Reads (or read-then-writes) products through the proxy, one client id each, 8 at a time. A write
     * changes the price and sends the version it read; a 409 (the other side was quicker) re-reads and
     * tries again, as a client of the monolith would.
     */
    Traffic productTraffic(int n, boolean write) throws Exception {
        JsonNode page = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(proxy + "/api/products?size=" + Math.min(100, n)))
                .build(), HttpResponse.BodyHandlers.ofString()).body());
        List<Long> ids = new ArrayList<>();
        page.path("items").forEach(item -> ids.add(item.path("id").asLong()));
        if (ids.isEmpty()) {
            throw new KitException("the proxy listed no products", "./kit status");
        }
        out.printf(Locale.ROOT, "  %s %d products through the proxy, each as another client...%n", write ? "changing the price of" : "reading", n);
        return traffic(n, "catalog-service", client -> {
            String url = proxy + "/api/products/" + ids.get(client % ids.size());
            HttpRequest.Builder get = HttpRequest.newBuilder(URI.create(url)).header("X-Client-Id", "walkthrough-client-" + client)
                    .timeout(Duration.ofSeconds(10));
            HttpResponse<String> read = http.send(get.build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> written = read;
            for (int attempt = 0; write && read.statusCode() == 200 && attempt < 5; attempt++) {
                ObjectNode body = (ObjectNode) JSON.readTree(read.body());
                body.remove(List.of("id", "category", "updatedAt"));
                body.put("price", (1 + client % 90) + "." + (10 + attempt));
                written = http.send(get.copy().header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
                if (written.statusCode() != 409) {
                    break;
                }
                Thread.sleep(300);
                read = http.send(get.build(), HttpResponse.BodyHandlers.ofString());
            }
            return written;
        });
    }

    /**
     * Searches through the proxy, one distinct client id each, and counts who answered.
     * (Each search the monolith answers scans its product table, so the samples stay small.)
     */
    Traffic searches(int n) throws Exception {
        out.printf(Locale.ROOT, "  sending %d searches through the proxy, each as another client...%n", n);
        return traffic(n, "search-service", client -> search("walkthrough-client-" + client));
    }

    /** Runs {@code n} clients' requests, 8 at a time, and counts who answered (X-Served-By) and what failed. */
    private Traffic traffic(int n, String serviceName, ClientRequest request) throws Exception {
        AtomicInteger service = new AtomicInteger();
        AtomicInteger monolith = new AtomicInteger();
        AtomicInteger fallbacks = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int client = i;
                sent.add(pool.submit(() -> {
                    HttpResponse<String> response = request.send(client);
                    String servedBy = response.headers().firstValue("X-Served-By").orElse("");
                    if (response.statusCode() >= 300) {
                        errors.incrementAndGet();
                    } else if (servedBy.equals(serviceName)) {
                        service.incrementAndGet();
                    } else if (servedBy.equals("monolith")) {
                        monolith.incrementAndGet();
                    }
                    if (response.headers().firstValue("X-Fallback").isPresent()) {
                        fallbacks.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> f : sent) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    errors.incrementAndGet();
                }
            }
        } finally {
            pool.shutdownNow();
        }
        Traffic traffic = new Traffic(n, service.get(), monolith.get(), fallbacks.get(), errors.get());
        out.printf(Locale.ROOT, "  %d requests: %d by the %s, %d by the monolith (%d fallbacks), %d errors%n",
                n, traffic.byService(), serviceName, traffic.byMonolith(), traffic.fallbacks(), traffic.errors());
        return traffic;
    }

    private HttpResponse<String> search(String clientId) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(proxy + "/api/products/search?q=oak&size=5"))
                .header("X-Client-Id", clientId).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Fails unless each of a few clients is answered by the same side every time. */
    void requireSticky() throws Exception {
        for (int client = 0; client < 8; client++) {
            String first = search("walkthrough-client-" + client).headers().firstValue("X-Served-By").orElse("");
            for (int again = 0; again < 2; again++) {
                String next = search("walkthrough-client-" + client).headers().firstValue("X-Served-By").orElse("");
                if (!next.equals(first)) {
                    throw new KitException("client " + client + " moved from " + first + " to " + next + " at a fixed percentage",
                            "check the route is sticky: ./kit route list");
                }
            }
        }
    }
}
