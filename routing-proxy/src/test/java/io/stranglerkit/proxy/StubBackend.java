package io.stranglerkit.proxy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;

/** A backend for proxy tests: answers with its name, records what it received, can fail, stall or slow down. */
final class StubBackend implements AutoCloseable {

    enum Behaviour { OK, FAIL, SLOW }

    record Received(String method, String path, String query, Map<String, List<String>> headers) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    private static final String STATUS = "{\"state\":\"streaming\",\"lag\":{\"records\":0,\"seconds\":0},"
            + "\"forwardSync\":{\"lagRecords\":0,\"lagSeconds\":0},\"reverseSync\":{\"lagRecords\":0,\"lagSeconds\":0.0}}";
    private final String name;
    private final HttpServer server;
    final Queue<Received> received = new ConcurrentLinkedQueue<>();
    volatile Behaviour behaviour = Behaviour.OK;
    /** Added to every answer: a service slower than the monolith, yet within the proxy's timeout. */
    volatile int delayMillis;

    StubBackend(String name) {
        this.name = name;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 200);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newFixedThreadPool(16));
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        if (exchange.getRequestURI().getPath().equals("/status")) {
            // What the parallel run reads before it compares again: everything caught up.
            byte[] status = STATUS.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, status.length);
            exchange.getResponseBody().write(status);
            exchange.close();
            return;
        }
        received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                exchange.getRequestURI().getRawQuery(), Map.copyOf(exchange.getRequestHeaders())));
        exchange.getRequestBody().readAllBytes();
        Behaviour now = behaviour;
        if (now == Behaviour.SLOW || delayMillis > 0) {
            try {
                Thread.sleep(now == Behaviour.SLOW ? 1_500 : delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        byte[] body = name.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain");
        // Like the real services: the correlation id comes back.
        String correlationId = exchange.getRequestHeaders().getFirst("X-Correlation-Id");
        if (correlationId != null) {
            exchange.getResponseHeaders().set("X-Correlation-Id", correlationId);
        }
        exchange.sendResponseHeaders(now == Behaviour.FAIL ? 500 : 200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
