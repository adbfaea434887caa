package io.stranglerkit.console.http;

import io.stranglerkit.console.config.ConsoleProperties;
import io.stranglerkit.platform.admin.AdminToken;
import io.stranglerkit.platform.correlation.CorrelationId;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * JSON over HTTP to the kit's parts, with the admin token where an admin API needs it. Reads never
 * throw: a part that does not answer is a {@link Answer} with the reason, which the page shows.
 */
@Component
public class PartClient {

    /** status 0: no answer at all (refused, timed out); body is then null and {@code problem} says why. */
    public record Answer(int status, JsonNode body, String problem) {

        public boolean ok() {
            return status >= 200 && status < 300 && body != null;
        }
    }

    private final HttpClient http;
    private final JsonMapper json;
    private final AdminToken token;
    private final Duration timeout;
    /**
     * A change waits for the proxy's commit, which waits for Kafka (up to about 20 s). Giving up sooner would leave
     * the person unsure whether it was made.
     */
    private static final Duration CHANGE_TIMEOUT = Duration.ofSeconds(30);

    public PartClient(JsonMapper json, ConsoleProperties properties, AdminToken token) {
        this.json = json;
        this.token = token;
        this.timeout = properties.partTimeout();
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    public CompletableFuture<Answer> get(URI url, boolean admin) {
        return send(request(url, admin).GET().build());
    }

    /** An admin change on behalf of {@code actor}; the proxy's answer (problem+json included) comes back as it was. */
    public CompletableFuture<Answer> change(String method, URI url, String body, String actor) {
        HttpRequest.Builder request = request(url, true).timeout(CHANGE_TIMEOUT).header("Content-Type", "application/json").header("X-Actor", actor)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        String correlationId = CorrelationId.current();
        if (correlationId != null) {
            request.header(CorrelationId.HEADER, correlationId);
        }
        return send(request.build());
    }

    private HttpRequest.Builder request(URI url, boolean admin) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(timeout).header("Accept", "application/json");
        if (admin && token.enabled()) {
            request.header("Authorization", token.authorization());
        }
        return request;
    }

    private CompletableFuture<Answer> send(HttpRequest request) {
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .thenApply(response -> new Answer(response.statusCode(), parse(response.body()), null))
                .exceptionally(e -> new Answer(0, null, reason(e, request.timeout().orElse(timeout))));
    }

    private JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? null : json.readTree(body);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** @param waited the request's own timeout: a change waits longer than a reading */
    private static String reason(Throwable e, Duration waited) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        if (cause instanceof ConnectException) {
            return "connection refused";
        }
        if (cause instanceof HttpTimeoutException) {
            return "no answer within " + waited.toMillis() + " ms";
        }
        String name = cause.getClass().getSimpleName();
        return cause.getMessage() == null ? name : name + ": " + cause.getMessage();
    }
}
