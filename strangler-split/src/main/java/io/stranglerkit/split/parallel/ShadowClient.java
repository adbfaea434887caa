package io.stranglerkit.split.parallel;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.RequestReplySenderContext;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.HttpHeaderNames;
import org.springframework.http.HttpHeaders;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * The HTTP client of the parallel run, with a connection pool of its own: a slow or dead shadow side
 * holds only shadow connections, never one a client's request needs.
 */
final class ShadowClient {

    /** Trace headers of the client's request: a shadow call sends its own. */
    static final List<String> TRACE_HEADERS = List.of("traceparent", "tracestate", "b3", "X-B3-TraceId", "X-B3-SpanId",
            "X-B3-ParentSpanId", "X-B3-Sampled");

    private final HttpClient client;
    private final ObservationRegistry observations;
    private final Duration timeout;
    private final int bodyLimit;

    ShadowClient(ParallelRunProperties properties, ObservationRegistry observations) {
        this.observations = observations;
        this.timeout = properties.timeout();
        this.bodyLimit = properties.bodyLimitBytes();
        ConnectionProvider pool = ConnectionProvider.builder("strangler-shadow")
                .maxConnections(properties.maxInFlight() * 2)
                .pendingAcquireTimeout(properties.timeout())
                .maxIdleTime(Duration.ofSeconds(30))
                .build();
        this.client = HttpClient.create(pool)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(1000, timeout.toMillis()))
                .responseTimeout(timeout);
    }

    /**
     * The whole answer, or an error when the side is unreachable or slower than the timeout. The call is
     * a span of the client request's trace ({@code request}), tagged {@code shadow=true}, and sends its context.
     *
     * @param purpose what the call is for, in the span's name: {@code shadow}, or {@code recheck} for the primary asked again
     */
    Mono<Answer> get(String purpose, String side, URI url, HttpHeaders headers, Observation request) {
        if (request == null) {
            return send(side, url, headers); // a status poll, or a request that was not observed
        }
        return Mono.defer(() -> {
            HttpHeaders sent = new HttpHeaders();
            sent.putAll(headers);
            RequestReplySenderContext<HttpHeaders, Answer> context = new RequestReplySenderContext<>(HttpHeaders::set);
            context.setCarrier(sent);
            context.setRemoteServiceName(side);
            Observation call = Observation.createNotStarted("strangler.shadow", () -> context, observations)
                    .contextualName(purpose + " GET " + side).parentObservation(request)
                    .lowCardinalityKeyValue("shadow", "true").lowCardinalityKeyValue("side", side)
                    .highCardinalityKeyValue("http.url", url.toString()).start();
            return send(side, url, sent)
                    .doOnNext(answer -> call.lowCardinalityKeyValue("status", String.valueOf(answer.status())))
                    .doOnError(call::error)
                    .doFinally(signal -> call.stop());
        });
    }

    private Mono<Answer> send(String side, URI url, HttpHeaders headers) {
        return client.headers(h -> headers.forEach(h::set))
                .get().uri(url)
                .response((response, body) -> body.asByteArray().collect(() -> new Limited(bodyLimit), Limited::add)
                        .map(limited -> new Answer(side, response.status().code(),
                                response.responseHeaders().get(HttpHeaderNames.CONTENT_TYPE), limited.bytes(), limited.truncated)))
                .next()
                .timeout(timeout);
    }

    /** Keeps a body up to the limit and notes whether there was more. */
    private static final class Limited {
        private final int limit;
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean truncated;

        Limited(int limit) {
            this.limit = limit;
        }

        void add(byte[] chunk) {
            int room = limit - out.size();
            if (chunk.length > room) {
                truncated = true;
            }
            out.write(chunk, 0, Math.max(0, Math.min(room, chunk.length)));
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }
}
