package io.stranglerkit.console.data;

import io.stranglerkit.console.config.ConsoleProperties;
import io.stranglerkit.console.http.PartClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The data side: the bridge's, the search model's and the catalog's {@code /status} pages as they
 * are, plus the bridge's events per second (the change of its published count between two reads).
 */
@Component
public class DataReader {

    private final PartClient client;
    private final URI bridge;
    private final URI search;
    private final URI catalog;
    private long lastPublished = -1;
    private long lastAt;

    public DataReader(PartClient client, ConsoleProperties properties) {
        this.client = client;
        this.bridge = properties.cdcBridgeUrl().resolve("/status");
        this.search = properties.searchUrl().resolve("/status");
        this.catalog = properties.catalogUrl().resolve("/status");
    }

    public synchronized Map<String, Object> read(long now) {
        CompletableFuture<PartClient.Answer> bridgeStatus = client.get(bridge, false);
        CompletableFuture<PartClient.Answer> searchStatus = client.get(search, false);
        CompletableFuture<PartClient.Answer> catalogStatus = client.get(catalog, false);
        Map<String, Object> data = new LinkedHashMap<>();
        PartClient.Answer bridgeAnswer = bridgeStatus.join();
        data.put("bridge", bridgeAnswer.ok() ? withoutSnapshotDetail(bridgeAnswer.body()) : unreadable(bridgeAnswer));
        data.put("eventsPerSecond", bridgeAnswer.ok() ? eventsPerSecond(bridgeAnswer.body(), now) : null);
        data.put("search", answerOrProblem(searchStatus.join()));
        data.put("catalog", answerOrProblem(catalogStatus.join()));
        return data;
    }

    private Double eventsPerSecond(JsonNode status, long now) {
        long published = status.path("events").path("published").asLong();
        Double rate = lastPublished < 0 || published < lastPublished || now <= lastAt
                ? null : (published - lastPublished) * 1000.0 / (now - lastAt);
        lastPublished = published;
        lastAt = now;
        return rate;
    }

    /** The snapshot's JMX rows are long and mean nothing on the page. */
    private static JsonNode withoutSnapshotDetail(JsonNode status) {
        ObjectNode copy = (ObjectNode) status.deepCopy();
        if (copy.path("snapshot").isObject()) {
            ((ObjectNode) copy.get("snapshot")).remove("RowsScanned");
        }
        return copy;
    }

    private static Object answerOrProblem(PartClient.Answer answer) {
        return answer.ok() ? answer.body() : unreadable(answer);
    }

    private static Map<String, Object> unreadable(PartClient.Answer answer) {
        return Map.of("unreadable", answer.problem() != null ? answer.problem() : "HTTP " + answer.status());
    }
}
