package io.stranglerkit.proxy.admin;

import io.stranglerkit.proxy.routing.ReplicaDirectory;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Asks every replica heard from lately the same admin question ({@code ?scope=replicas}), with the
 * caller's own credentials, and answers for this one without a call. A replica that does not answer
 * within 2 s is named as such and left out.
 */
@Component
public class AcrossReplicas {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration PATIENCE = Duration.ofSeconds(2);
    private final ReplicaDirectory replicas;
    private final WebClient http = WebClient.create();

    AcrossReplicas(ReplicaDirectory replicas) {
        this.replicas = replicas;
    }

    /**
     * @param answers the replicas that answered, this one first
     * @param who     every replica asked: {@code [{replica, answered}]}
     */
    public record Answers(List<JsonNode> answers, List<Map<String, Object>> who) {
    }

    private record Answer(ReplicaDirectory.Replica replica, JsonNode body) {
    }

    public Mono<Answers> ask(String pathAndQuery, String authorization, Supplier<Object> own) {
        return Flux.fromIterable(replicas.alive())
                .flatMapSequential(replica -> replica.equals(replicas.self())
                        ? Mono.fromSupplier(() -> new Answer(replica, JSON.valueToTree(own.get())))
                        : http.get().uri(replica.adminUrl() + pathAndQuery)
                        .header(HttpHeaders.AUTHORIZATION, authorization)
                        .retrieve().bodyToMono(String.class).timeout(PATIENCE)
                        .map(body -> new Answer(replica, JSON.readTree(body)))
                        .onErrorResume(e -> Mono.just(new Answer(replica, null))))
                .collectList()
                .map(all -> {
                    List<JsonNode> answers = new ArrayList<>();
                    List<Map<String, Object>> who = new ArrayList<>();
                    for (Answer answer : all) {
                        who.add(Map.of("replica", answer.replica().name(), "answered", answer.body() != null));
                        if (answer.body() != null) {
                            if (answer.replica().equals(replicas.self())) {
                                answers.add(0, answer.body());
                            } else {
                                answers.add(answer.body());
                            }
                        }
                    }
                    return new Answers(answers, who);
                });
    }
}
