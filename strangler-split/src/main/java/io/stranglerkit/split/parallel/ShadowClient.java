package io.stranglerkit.split.parallel;

import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.HttpHeaderNames;
import org.springframework.http.HttpHeaders;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.time.Duration;

/**
 * The HTTP client of the parallel run, with a connection pool of its own: a slow or dead shadow side
 * holds only shadow connections, never one a client's request needs.
 */
final class ShadowClient {

    private final HttpClient client;
    private final Duration timeout;
    private final int bodyLimit;

    ShadowClient(ParallelRunProperties properties) {
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

    /** The whole answer, or an error when the side is unreachable or slower than the timeout. */
    Mono<Answer> get(String side, URI url, HttpHeaders headers) {
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
