package io.stranglerkit.system.kit;

import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Reads and writes through the routing proxy at a steady pace while parts of the kit die, counting
 * per window what failed and what hung (no answer within {@link #HUNG}).
 * <p>
 * Each written product is written through one side only (a sticky client id per product, and its
 * version read from the side that took its first write), so the acknowledged write is its latest
 * state and both databases must end up with it. A write with no clear answer (5xx, no answer) makes
 * its product uncertain until the next acknowledged write.
 */
final class SteadyLoad implements AutoCloseable {

    static final Duration HUNG = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    record Window(long requests, long failed, long hung, long slowestMs) {
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final String proxy;
    private final Map<String, String> sides;
    private final Map<Long, String> sideOf = new ConcurrentHashMap<>();
    private final Map<Long, Long> acknowledgedCents = new ConcurrentHashMap<>();
    private final Set<Long> uncertain = ConcurrentHashMap.newKeySet();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong hung = new AtomicLong();
    private final AtomicLong slowest = new AtomicLong();
    private final AtomicLong writeSeq = new AtomicLong(1000);
    private final List<Thread> threads = new ArrayList<>();
    private final ReentrantReadWriteLock writes = new ReentrantReadWriteLock();
    private volatile boolean running = true;

    /** @param sides {@code monolith} and {@code catalog-service} (as X-Served-By names them) to their direct URLs */
    SteadyLoad(String proxy, Map<String, String> sides, List<Long> writtenProducts, int writers, int readers) {
        this.proxy = proxy;
        this.sides = sides;
        for (int w = 0; w < writers; w++) {
            List<Long> own = new ArrayList<>();
            for (int i = w; i < writtenProducts.size(); i += writers) {
                own.add(writtenProducts.get(i));
            }
            start("writer-" + w, () -> loop(() -> own.forEach(this::writeOnce), 0));
        }
        for (int r = 0; r < readers; r++) {
            start("reader-" + r, () -> loop(this::readOnce, 100));
        }
    }

    private void start(String name, Runnable work) {
        Thread thread = new Thread(work, name);
        thread.start();
        threads.add(thread);
    }

    private void loop(Runnable work, long pauseMs) {
        while (running) {
            work.run();
            sleep(pauseMs);
        }
    }

    private void readOnce() {
        String client = "reader-" + ThreadLocalRandom.current().nextInt(1000);
        send(HttpRequest.newBuilder(URI.create(proxy + "/api/products/search?q=oak&size=5")).header("X-Client-Id", client));
        send(HttpRequest.newBuilder(URI.create(proxy + "/api/products/" + (1 + ThreadLocalRandom.current().nextInt(200))))
                .header("X-Client-Id", client));
    }

    private void writeOnce(long id) {
        if (!running) {
            return;
        }
        writes.readLock().lock();
        try {
            write(id);
        } finally {
            writes.readLock().unlock();
        }
        sleep(50); // whatever the answer: a steady pace, also while everything fails fast
    }

    private void write(long id) {
        String side = sideOf.getOrDefault(id, "monolith");
        HttpResponse<String> read = send(HttpRequest.newBuilder(URI.create(sides.get(side) + "/api/products/" + id)));
        if (read == null || read.statusCode() != 200) {
            return;
        }
        long cents = writeSeq.incrementAndGet();
        ObjectNode body = (ObjectNode) JSON.readTree(read.body());
        body.put("price", cents / 100 + "." + String.format("%02d", cents % 100));
        HttpResponse<String> written = send(HttpRequest.newBuilder(URI.create(proxy + "/api/products/" + id))
                .header("X-Client-Id", "writer-" + id).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body.toString())));
        if (written != null && written.statusCode() == 200) {
            sideOf.put(id, written.headers().firstValue("X-Served-By").orElse("monolith"));
            acknowledgedCents.put(id, cents);
            uncertain.remove(id);
        } else if (written == null || written.statusCode() >= 500) {
            uncertain.add(id);
        }
    }

    /** Sends with the hang deadline; null when no answer came (counted failed, and hung on the deadline). */
    private HttpResponse<String> send(HttpRequest.Builder request) {
        long started = System.nanoTime();
        requests.incrementAndGet();
        try {
            HttpResponse<String> response = http.send(request.timeout(HUNG).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 500) {
                failed.incrementAndGet();
            }
            return response;
        } catch (HttpTimeoutException e) {
            hung.incrementAndGet();
            failed.incrementAndGet();
            return null;
        } catch (Exception e) {
            failed.incrementAndGet();
            return null;
        } finally {
            slowest.accumulateAndGet((System.nanoTime() - started) / 1_000_000, Math::max);
        }
    }

    /** What happened since the last call. */
    Window window() {
        return new Window(requests.getAndSet(0), failed.getAndSet(0), hung.getAndSet(0), slowest.getAndSet(0));
    }

    /** Waits for writes in flight, then holds new ones until {@link #resumeWrites()}; reads go on. */
    void pauseWrites() {
        writes.writeLock().lock();
    }

    void resumeWrites() {
        writes.writeLock().unlock();
    }

    /** Product id -> price in cents of its last acknowledged write, for products whose last write was answered. */
    Map<Long, Long> acknowledged() {
        Map<Long, Long> out = new java.util.TreeMap<>(acknowledgedCents);
        uncertain.forEach(out::remove);
        return out;
    }

    long writtenThroughCatalog() {
        return sideOf.values().stream().filter(s -> s.startsWith("catalog")).count();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        for (Thread t : threads) {
            t.join(HUNG.toMillis() * 3);
        }
    }
}
