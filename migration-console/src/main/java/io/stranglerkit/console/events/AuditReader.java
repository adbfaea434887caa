package io.stranglerkit.console.events;

import io.stranglerkit.console.config.ConsoleProperties;
import io.stranglerkit.console.http.PartClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Every proxy replica's newest audit entries ({@code GET /admin/audit}): a replica logs the changes it made. */
@Component
public class AuditReader {

    private final PartClient client;
    private final List<URI> replicas;

    public AuditReader(PartClient client, ConsoleProperties properties) {
        this.client = client;
        this.replicas = properties.proxyAdminUrls();
    }

    public List<JsonNode> read() {
        List<CompletableFuture<PartClient.Answer>> answers = replicas.stream()
                .map(replica -> client.get(replica.resolve("/admin/audit?limit=100"), true)).toList();
        List<JsonNode> entries = new ArrayList<>();
        answers.stream().map(CompletableFuture::join).filter(PartClient.Answer::ok).forEach(answer -> answer.body().forEach(entries::add));
        return entries;
    }
}
