package io.stranglerkit.split.parallel;

import io.stranglerkit.split.SplitRoute;
import org.springframework.http.HttpHeaders;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * Whether the data behind a service has caught up with its source, from the status pages of the
 * parts that carry it: each {@link Condition} reads one value of one JSON status document (for the
 * search service: its feed's backlog is 0, and the CDC bridge is streaming). Caught up means every
 * condition held on two readings in a row, 250 ms apart, so a batch fetched but not yet applied at
 * the first reading is applied by the second. A status that cannot be read does not hold.
 */
final class CaughtUp {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration POLL = Duration.ofMillis(250);

    /**
     * One value on a status page that must hold.
     *
     * @param statusUrl where the JSON status is
     * @param pointer   a JSON pointer into it, e.g. {@code /lag/records}
     * @param atMost    the value must be a number no larger than this (a backlog: 0)
     * @param equals    or the value must be this text (a state: {@code streaming})
     */
    public record Condition(URI statusUrl, String pointer, Long atMost, String equals) {

        boolean holds(JsonNode status) {
            JsonNode value = status.at(pointer);
            if (equals != null) {
                return value.isString() && value.asString().equals(equals);
            }
            return value.isNumber() && value.asLong() <= (atMost == null ? 0 : atMost);
        }
    }

    private final ShadowClient client;
    private final ParallelRunProperties properties;

    CaughtUp(ShadowClient client, ParallelRunProperties properties) {
        this.client = client;
        this.properties = properties;
    }

    /** true once caught up, false when the deadline passed first. */
    Mono<Boolean> await(SplitRoute route) {
        List<Condition> conditions = properties.caughtUpWhen().getOrDefault(route.service(), List.of());
        if (conditions.isEmpty()) {
            return Mono.just(true);
        }
        long deadline = System.nanoTime() + properties.recheckDeadline().toNanos();
        return poll(conditions, deadline, 0);
    }

    private Mono<Boolean> poll(List<Condition> conditions, long deadline, int readingsHeld) {
        return Flux.fromIterable(conditions).concatMap(this::holds).all(Boolean::booleanValue).flatMap(held -> {
            int readings = held ? readingsHeld + 1 : 0;
            if (readings >= 2) {
                return Mono.just(true);
            }
            if (System.nanoTime() > deadline) {
                return Mono.just(false);
            }
            return Mono.delay(POLL).then(Mono.defer(() -> poll(conditions, deadline, readings)));
        });
    }

    private Mono<Boolean> holds(Condition condition) {
        return client.get("status", condition.statusUrl(), new HttpHeaders())
                .map(answer -> answer.status() == 200 && condition.holds(JSON.readTree(answer.body())))
                .onErrorReturn(false);
    }
}
