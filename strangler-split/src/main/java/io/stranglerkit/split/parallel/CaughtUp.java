package io.stranglerkit.split.parallel;

import io.stranglerkit.split.SplitRoute;
import org.springframework.http.HttpHeaders;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether the data behind a service has caught up with its source, from the status pages of the
 * parts that carry it: each {@link StatusCondition} reads one value of one JSON status document (for the
 * search service: its feed's backlog is 0, and the CDC bridge is streaming).
 * <p>
 * A read waiting for its re-check is released once every condition held on two readings in a row,
 * 250 ms apart, the first of them taken after the read began to wait: a batch fetched but not yet
 * applied at the first reading is applied by the second. One watcher per service reads the status
 * pages for all the reads waiting on it, and only while some wait: a thousand waiting differences
 * cost the services four status calls a second, not four thousand. A status that cannot be read
 * does not hold.
 */
final class CaughtUp {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration POLL = Duration.ofMillis(250);

    private final ShadowClient client;
    private final ParallelRunProperties properties;
    private final Map<String, Watcher> watchers = new ConcurrentHashMap<>();

    CaughtUp(ShadowClient client, ParallelRunProperties properties) {
        this.client = client;
        this.properties = properties;
    }

    /** true once caught up, false when the deadline passed first. */
    Mono<Boolean> await(SplitRoute route) {
        List<StatusCondition> conditions = properties.caughtUpWhen().getOrDefault(route.service(), List.of());
        if (conditions.isEmpty()) {
            return Mono.just(true);
        }
        Watcher watcher = watchers.computeIfAbsent(route.service(), service -> new Watcher(conditions));
        return Mono.create(sink -> watcher.add(new Waiter(sink, System.nanoTime(), System.nanoTime()
                + properties.recheckDeadline().toNanos())));
    }

    private record Waiter(MonoSink<Boolean> sink, long since, long deadline) {
    }

    /** Reads one service's conditions every 250 ms while reads wait on it. */
    private final class Watcher {
        private final List<StatusCondition> conditions;
        private final List<Waiter> waiting = new ArrayList<>();
        private Disposable polling;
        // When the last reading that held began, if the one before it held too it is a second reading.
        private long heldSince = -1;

        Watcher(List<StatusCondition> conditions) {
            this.conditions = conditions;
        }

        synchronized void add(Waiter waiter) {
            waiting.add(waiter);
            if (polling == null) {
                heldSince = -1;
                polling = Flux.interval(POLL, POLL).onBackpressureDrop()
                        .concatMap(tick -> reading(), 1)
                        .subscribe(this::settle);
            }
        }

        private Mono<Reading> reading() {
            long startedAt = System.nanoTime();
            return Flux.fromIterable(conditions).concatMap(CaughtUp.this::holds).all(Boolean::booleanValue)
                    .map(held -> new Reading(startedAt, held));
        }

        private synchronized void settle(Reading reading) {
            long previous = heldSince;
            heldSince = reading.held() ? reading.startedAt() : -1;
            long now = System.nanoTime();
            waiting.removeIf(w -> {
                // Two readings in a row held, the earlier one begun after this read started to wait.
                if (reading.held() && previous >= 0 && previous > w.since()) {
                    w.sink().success(true);
                    return true;
                }
                if (now > w.deadline()) {
                    w.sink().success(false);
                    return true;
                }
                return false;
            });
            if (waiting.isEmpty() && polling != null) {
                polling.dispose();
                polling = null;
            }
        }
    }

    private record Reading(long startedAt, boolean held) {
    }

    private Mono<Boolean> holds(StatusCondition condition) {
        return client.get("status", "status", condition.statusUrl(), new HttpHeaders(), null)
                .map(answer -> answer.status() == 200 && condition.holds(JSON.readTree(answer.body())))
                .onErrorReturn(false);
    }
}
