package io.stranglerkit.kit.bench;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * Drives GET requests at one target and records latencies in an HdrHistogram.
 * <ul>
 *   <li>Closed loop (rate 0): {@code concurrency} workers send back to back.</li>
 *   <li>Fixed rate: request k is due at {@code start + k/rate}; its latency is measured from when
 *   it was due, not when it was sent, so a stall is charged to every request it delayed
 *   (coordinated omission).</li>
 * </ul>
 * A response counts as an error unless its status is 2xx.
 */
public final class HttpLoad {

    public record Settings(int concurrency, double rate, Duration warmup, Duration duration, Duration timeout) {
    }

    private static final long MAX_TRACKED_NANOS = Duration.ofSeconds(60).toNanos();

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    /**
     * @param progress called about once a second with the elapsed measuring time in ms
     */
    public LoadResult run(String target, List<URI> requests, Settings settings, LongConsumer progress) throws InterruptedException {
        if (requests.isEmpty()) {
            throw new IllegalArgumentException("no requests to send");
        }
        // Warm-up: same traffic, results thrown away (JIT, connection pools, caches).
        if (!settings.warmup().isZero()) {
            drive(requests, settings, settings.warmup(), new Recorder(MAX_TRACKED_NANOS, 3), new AtomicLong(), new AtomicLong(), ms -> { });
        }
        Recorder recorder = new Recorder(MAX_TRACKED_NANOS, 3);
        AtomicLong errors = new AtomicLong();
        AtomicLong count = new AtomicLong();
        long started = System.nanoTime();
        drive(requests, settings, settings.duration(), recorder, count, errors, progress);
        double seconds = (System.nanoTime() - started) / 1e9;
        Histogram histogram = recorder.getIntervalHistogram();
        return new LoadResult(target, count.get(), errors.get(), seconds, histogram);
    }

    private void drive(List<URI> requests, Settings settings, Duration duration, Recorder recorder, AtomicLong count,
                       AtomicLong errors, LongConsumer progress) throws InterruptedException {
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        AtomicLong sequence = new AtomicLong();
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < settings.concurrency(); w++) {
            Thread worker = new Thread(() -> {
                while (true) {
                    long k = sequence.getAndIncrement();
                    long due = settings.rate() > 0 ? start + (long) (k * 1e9 / settings.rate()) : System.nanoTime();
                    if (due >= end) {
                        return;
                    }
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        sleepNanos(wait);
                    }
                    if (System.nanoTime() >= end) {
                        return;
                    }
                    URI uri = requests.get((int) (k % requests.size()));
                    boolean ok = send(uri, settings.timeout());
                    long latency = System.nanoTime() - due;
                    count.incrementAndGet();
                    if (ok) {
                        recorder.recordValue(Math.min(latency, MAX_TRACKED_NANOS));
                    } else {
                        errors.incrementAndGet();
                    }
                }
            }, "load-" + w);
            worker.setDaemon(true);
            worker.start();
            workers.add(worker);
        }
        while (System.nanoTime() < end) {
            Thread.sleep(Math.min(1000, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
            progress.accept(Math.min(duration.toMillis(), (System.nanoTime() - start) / 1_000_000));
        }
        for (Thread worker : workers) {
            worker.join(settings.timeout().toMillis() + 5_000);
        }
    }

    private boolean send(URI uri, Duration timeout) {
        try {
            HttpResponse<Void> response = client.send(HttpRequest.newBuilder(uri).timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() / 100 == 2;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void sleepNanos(long nanos) {
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
