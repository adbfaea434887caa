package io.stranglerkit.console.http;

import io.stranglerkit.console.config.ConsoleProperties;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The proxy replicas' admin APIs: what any one of them can answer (the shared route table, ramps), what each
 * holds for itself (totals, audit), and changes, made on the first replica that answers.
 */
@Component
public class ProxyAdmin {

    private final PartClient client;
    private final ReplicaUrls replicas;

    public ProxyAdmin(PartClient client, ConsoleProperties properties) {
        this.client = client;
        this.replicas = new ReplicaUrls(properties.proxyAdminUrls());
    }

    /** The first good answer; else the last replica's failure. */
    public PartClient.Answer fromAnyReplica(String path) {
        PartClient.Answer answer = new PartClient.Answer(0, null, "no proxy replica configured");
        for (URI replica : replicas.current()) {
            answer = client.get(replica.resolve(path), true).join();
            if (answer.ok()) {
                return answer;
            }
        }
        return answer;
    }

    /** The bodies of the replicas that answered, asked together. */
    public List<JsonNode> fromEveryReplica(String path) {
        List<CompletableFuture<PartClient.Answer>> answers = replicas.current().stream().map(replica -> client.get(replica.resolve(path), true)).toList();
        return answers.stream().map(CompletableFuture::join).filter(PartClient.Answer::ok).map(PartClient.Answer::body).toList();
    }

    /** The first replica's answer to a change, a refusal included; status 0 when none answered. */
    public PartClient.Answer change(String method, String path, String body, String actor) {
        PartClient.Answer answer = new PartClient.Answer(0, null, "no proxy replica configured");
        for (URI replica : replicas.current()) {
            answer = client.change(method, replica.resolve(path), body, actor).join();
            if (answer.status() != 0) {
                return answer;
            }
        }
        return answer;
    }

    /** Why an answer is not a good one, for the page. */
    public static String why(PartClient.Answer answer) {
        return answer.problem() != null ? answer.problem() : "HTTP " + answer.status() + " " + answer.body();
    }
}
