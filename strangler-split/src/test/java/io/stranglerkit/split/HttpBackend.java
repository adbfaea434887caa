package io.stranglerkit.split;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A real HTTP backend for the gateway tests: answers every request with its name (or what the test
 * sets per path and query), remembers what it received, can fail, be held, and report a backlog.
 */
public final class HttpBackend implements AutoCloseable {

    public volatile int status = 200;
    public volatile String contentType = "text/plain";
    public volatile Function<String, String> answer;
    /** While set, every request waits for it before answering. */
    public volatile CountDownLatch hold;
    /** What its {@code /status} reports as the read model's backlog. */
    public volatile long backlog;
    public final AtomicInteger statusCalls = new AtomicInteger();
    /** "METHOD /path?query" of every request but {@code /status}. */
    public final Queue<String> received = new ConcurrentLinkedQueue<>();
    /** "/path?query correlation-id" of every request marked {@code X-Shadow: true}. */
    public final Queue<String> shadowed = new ConcurrentLinkedQueue<>();
    private final HttpServer server;

    public HttpBackend(String name) {
        this.answer = uri -> name;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 100);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(Executors.newFixedThreadPool(32));
        server.createContext("/", exchange -> {
            String uri = exchange.getRequestURI().toString();
            if (uri.equals("/status")) {
                statusCalls.incrementAndGet();
                send(exchange, 200, "application/json", "{\"lag\":{\"records\":" + backlog + "}}");
                return;
            }
            received.add(exchange.getRequestMethod() + " " + uri);
            if ("true".equals(exchange.getRequestHeaders().getFirst("X-Shadow"))) {
                shadowed.add(uri + " " + exchange.getRequestHeaders().getFirst("X-Correlation-Id"));
            }
            exchange.getRequestBody().readAllBytes();
            CountDownLatch wait = hold;
            if (wait != null) {
                try {
                    wait.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            send(exchange, status, contentType, answer.apply(uri));
        });
        server.start();
    }

    private static void send(com.sun.net.httpserver.HttpExchange exchange, int status, String contentType, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
