package io.stranglerkit.split.parallel;

import org.reactivestreams.Publisher;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/**
 * The client's response, passed through unchanged, keeping a copy of the body's bytes (up to the
 * limit) as they are written, so the answer can be compared once the client has it.
 */
final class CapturedResponse extends ServerHttpResponseDecorator {

    private final int limit;
    private final ByteArrayOutputStream copy = new ByteArrayOutputStream();
    private volatile boolean truncated;
    private volatile boolean complete;

    CapturedResponse(ServerHttpResponse delegate, int limit) {
        super(delegate);
        this.limit = limit;
    }

    @Override
    public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
        return super.writeWith(Flux.from(body).doOnNext(this::keep).doOnComplete(() -> complete = true));
    }

    /** Streamed answers (server-sent events and the like) are not compared. */
    @Override
    public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
        truncated = true;
        return super.writeAndFlushWith(body);
    }

    private void keep(DataBuffer buffer) {
        int length = buffer.readableByteCount();
        int room = limit - copy.size();
        if (length > room) {
            truncated = true;
        }
        int kept = Math.max(0, Math.min(room, length));
        if (kept > 0) {
            byte[] bytes = new byte[kept];
            buffer.toByteBuffer(buffer.readPosition(), ByteBuffer.wrap(bytes), 0, kept);
            copy.write(bytes, 0, kept);
        }
    }

    byte[] body() {
        return copy.toByteArray();
    }

    boolean truncated() {
        return truncated;
    }

    /**
     * Every byte of the answer went by: the body ended, or as many bytes as its Content-Length said
     * (a client that closes once it has them cancels the exchange before the backend's end arrives).
     */
    boolean complete() {
        long length = getHeaders().getContentLength();
        return complete || (length >= 0 && !truncated && copy.size() == length);
    }
}
