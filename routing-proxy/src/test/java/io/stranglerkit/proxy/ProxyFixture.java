package io.stranglerkit.proxy;

import org.springframework.test.context.DynamicPropertyRegistry;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

/** What the proxy's integration tests share: the proxy pointed at stub backends, a free port, and the admin API. */
final class ProxyFixture {

    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private ProxyFixture() {
    }

    /**
     * The backends (the search stub also answers for the CDC bridge's /status: caught up), a data
     * directory, the admin token and ports, and a service timeout short enough for fallback tests.
     */
    static void pointAt(DynamicPropertyRegistry registry, StubBackend monolith, StubBackend search, StubBackend catalog, Path data,
                        String token, int adminPort, int managementPort) {
        registry.add("proxy.monolith-url", monolith::url);
        registry.add("proxy.services.search-service", search::url);
        registry.add("proxy.services.catalog-service", catalog::url);
        registry.add("proxy.cdc-bridge-url", search::url);
        registry.add("proxy.data-dir", data::toString);
        registry.add("proxy.admin.port", () -> adminPort);
        registry.add("proxy.admin.token", () -> token);
        registry.add("management.server.port", () -> managementPort);
        registry.add("strangler.split.service-timeout", () -> "500ms");
    }

    /** @param token null: no Authorization header */
    static HttpResponse<String> admin(int adminPort, String method, String path, String body, String token)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + path))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
