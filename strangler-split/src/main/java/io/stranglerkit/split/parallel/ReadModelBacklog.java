package io.stranglerkit.split.parallel;

import io.stranglerkit.split.SplitRoute;
import org.springframework.http.HttpHeaders;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * Whether a service's CDC-fed read model has applied everything it was sent, from the service's own
 * {@code /status}: each configured JSON pointer (for the search service {@code /lag/records}) names
 * a backlog of records not yet applied. Caught up means two readings in a row, 250 ms apart, with
 * every backlog at 0 (or below: unknown counts as nothing to wait for), so a batch that was fetched
 * but not yet applied at the first reading is applied by the second.
 */
final class ReadModelBacklog {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration POLL = Duration.ofMillis(250);

    private final ShadowClient client;
    private final ParallelRunProperties properties;

    ReadModelBacklog(ShadowClient client, ParallelRunProperties properties) {
        this.client = client;
        this.properties = properties;
    }

    /** true once caught up, false when the deadline passed first (or the status could not be read). */
    Mono<Boolean> caughtUp(SplitRoute route) {
        List<String> pointers = properties.readModelBacklog().getOrDefault(route.service(), List.of());
        if (pointers.isEmpty()) {
            return Mono.just(true);
        }
        URI status = URI.create(route.serviceBaseUrl() + properties.statusPath());
        long deadline = System.nanoTime() + properties.recheckDeadline().toNanos();
        return poll(status, pointers, deadline, 0);
    }

    private Mono<Boolean> poll(URI status, List<String> pointers, long deadline, int zeroReadings) {
        return client.get("status", status, new HttpHeaders())
                .map(answer -> answer.status() == 200 && noBacklog(answer.body(), pointers))
                .onErrorReturn(false)
                .flatMap(none -> {
                    int readings = none ? zeroReadings + 1 : 0;
                    if (readings >= 2) {
                        return Mono.just(true);
                    }
                    if (System.nanoTime() > deadline) {
                        return Mono.just(false);
                    }
                    return Mono.delay(POLL).then(Mono.defer(() -> poll(status, pointers, deadline, readings)));
                });
    }

    static boolean noBacklog(byte[] statusBody, List<String> pointers) {
        JsonNode status = JSON.readTree(statusBody);
        for (String pointer : pointers) {
            JsonNode value = status.at(pointer);
            if (value.isNumber() && value.asLong() > 0) {
                return false;
            }
        }
        return true;
    }
}
