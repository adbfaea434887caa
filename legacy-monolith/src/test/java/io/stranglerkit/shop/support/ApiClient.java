package io.stranglerkit.shop.support;

import io.stranglerkit.contract.ContractCheck;
import io.stranglerkit.contract.HttpExchanges;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/**
 * A plain HTTP client for contract tests: what goes over the wire is what is asserted, and every
 * exchange is checked against the shop's API contract first.
 */
public final class ApiClient {

    public record Response(int status, HttpResponse<String> raw, JsonNode json) {

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        public String contentType() {
            return header("Content-Type");
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final ContractCheck CONTRACT = new ContractCheck();
    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;

    public ApiClient(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    public Response get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), null, Map.of());
    }

    public Response get(String path, Map<String, String> headers) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), null, headers);
    }

    public Response post(String path, String json) {
        return send(withJson(path, json).POST(HttpRequest.BodyPublishers.ofString(json)), json, Map.of());
    }

    public Response put(String path, String json) {
        return send(withJson(path, json).PUT(HttpRequest.BodyPublishers.ofString(json)), json, Map.of());
    }

    public Response delete(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).DELETE(), null, Map.of());
    }

    public static JsonNode parse(String json) {
        return JSON.readTree(json);
    }

    private HttpRequest.Builder withJson(String path, String json) {
        return HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json");
    }

    private Response send(HttpRequest.Builder builder, String sent, Map<String, String> headers) {
        headers.forEach(builder::header);
        HttpRequest request = builder.build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            CONTRACT.assertKept(HttpExchanges.of(request, sent, response));
            String body = response.body();
            boolean isJson = response.headers().firstValue("Content-Type").orElse("").contains("json");
            JsonNode json = isJson && !body.isBlank() ? JSON.readTree(body) : null;
            return new Response(response.statusCode(), response, json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
