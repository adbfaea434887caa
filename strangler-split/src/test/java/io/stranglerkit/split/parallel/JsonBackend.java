package io.stranglerkit.split.parallel;

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

/** A JSON backend whose answer the test sets per call (path and query in, body out), and which can be held. */
final class JsonBackend implements AutoCloseable {

    volatile Function<String, String> answer = uri -> "{}";
    /** While set, every request waits for it before answering. */
    volatile CountDownLatch hold;
    /** What its {@code /status} reports as the read model's backlog. */
    volatile long backlog;
    final AtomicInteger statusCalls = new AtomicInteger();
    final Queue<String> shadowed = new ConcurrentLinkedQueue<>();
    final Queue<String> received = new ConcurrentLinkedQueue<>();
    private final HttpServer server;

    JsonBackend() {
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
                byte[] status = ("{\"lag\":{\"records\":" + backlog + "}}").getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, status.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(status);
                }
                return;
            }
            received.add(uri);
            if ("true".equals(exchange.getRequestHeaders().getFirst("X-Shadow"))) {
                shadowed.add(uri + " " + exchange.getRequestHeaders().getFirst("X-Correlation-Id"));
            }
            CountDownLatch wait = hold;
            if (wait != null) {
                try {
                    wait.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            byte[] body = answer.apply(uri).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
