package io.stranglerkit.proxy.admin;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.server.ServerRequest;
import reactor.core.publisher.Mono;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * An admin request's body as text, at most {@link #MAX_BYTES}. A longer one is still read to its end
 * (and dropped) before the 413 goes out: the admin server closes every connection after its answer,
 * and closing on a client that is still sending resets the connection before it can read the answer.
 */
public final class AdminBody {

    // A route change is a few bytes of JSON; anything near this is a mistake or an attack.
    static final long MAX_BYTES = 64 * 1024;
    // Past this the client gets the reset after all: it is not sending a route change.
    private static final long DRAIN_LIMIT = 16L * 1024 * 1024;

    public static final class TooLarge extends RuntimeException {
        TooLarge() {
            super("request body over " + MAX_BYTES + " bytes", null, false, false);
        }
    }

    private AdminBody() {
    }

    /** The body, "" when there is none; {@link TooLarge} when it is over the limit. */
    public static Mono<String> read(ServerRequest request) {
        return request.body(BodyExtractors.toDataBuffers())
                .reduce(new Bytes(), Bytes::add)
                .defaultIfEmpty(new Bytes())
                .flatMap(bytes -> bytes.total > MAX_BYTES ? Mono.error(new TooLarge())
                        : Mono.just(bytes.kept.toString(StandardCharsets.UTF_8)));
    }

    private static final class Bytes {
        final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        long total;

        Bytes add(DataBuffer buffer) {
            try {
                int length = buffer.readableByteCount();
                total += length;
                if (total > DRAIN_LIMIT) {
                    throw new TooLarge();
                }
                if (total <= MAX_BYTES) {
                    byte[] chunk = new byte[length];
                    buffer.read(chunk);
                    kept.write(chunk, 0, length);
                }
                return this;
            } finally {
                DataBufferUtils.release(buffer);
            }
        }
    }
}
