package io.stranglerkit.proxy.admin;

import io.stranglerkit.proxy.routing.ReplicaDirectory;
import io.stranglerkit.proxy.stats.StatsAcrossReplicas;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code GET /admin/stats?scope=replicas}: this replica's stats merged with every other replica's
 * heard from lately, asked with the caller's own credentials. A replica that does not answer within
 * 2 s is named as such and left out.
 */
@Component
class ReplicaStats {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration PATIENCE = Duration.ofSeconds(2);
    private final ReplicaDirectory replicas;
    private final WebClient http = WebClient.create();

    ReplicaStats(ReplicaDirectory replicas) {
        this.replicas = replicas;
    }

    private record Answer(ReplicaDirectory.Replica replica, JsonNode stats) {
    }

    Mono<Map<String, Object>> merged(String authorization, Supplier<Map<String, Object>> ownStats) {
        return Flux.fromIterable(replicas.alive())
                .flatMap(replica -> replica.equals(replicas.self())
                        ? Mono.fromSupplier(() -> new Answer(replica, JSON.valueToTree(ownStats.get())))
                        : http.get().uri(replica.adminUrl() + "/admin/stats?histograms=true")
                        .header(HttpHeaders.AUTHORIZATION, authorization)
                        .retrieve().bodyToMono(String.class).timeout(PATIENCE)
                        .map(body -> new Answer(replica, JSON.readTree(body)))
                        .onErrorResume(e -> Mono.just(new Answer(replica, null))))
                .collectList()
                .map(answers -> {
                    List<JsonNode> stats = new ArrayList<>();
                    List<Map<String, Object>> who = new ArrayList<>();
                    for (Answer answer : answers) {
                        who.add(Map.of("replica", answer.replica().name(), "answered", answer.stats() != null));
                        if (answer.stats() != null) {
                            stats.add(answer.stats());
                        }
                    }
                    ObjectNode merged = (ObjectNode) StatsAcrossReplicas.merge(stats);
                    return Map.of("windowSeconds", 60, "replicas", who, "rows", merged.get("rows"));
                });
    }
}
