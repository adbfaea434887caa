package io.stranglerkit.platform.tracing;

import brave.Tracing;
import brave.handler.MutableSpan;
import brave.handler.SpanHandler;
import brave.propagation.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.brave.bridge.BraveCurrentTraceContext;
import io.micrometer.tracing.brave.bridge.BravePropagator;
import io.micrometer.tracing.brave.bridge.BraveTracer;
import io.micrometer.tracing.brave.bridge.W3CPropagation;
import io.micrometer.tracing.propagation.Propagator;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A real Brave tracer with W3C propagation, as Spring Boot configures it, keeping the finished spans. */
final class TestTracing implements AutoCloseable {

    final List<MutableSpan> finished = new CopyOnWriteArrayList<>();
    private final Tracing tracing = Tracing.newBuilder().traceId128Bit(true).propagationFactory(new W3CPropagation())
            .addSpanHandler(new SpanHandler() {
                @Override
                public boolean end(TraceContext context, MutableSpan span, Cause cause) {
                    finished.add(span);
                    return true;
                }
            }).build();
    final Tracer tracer = new BraveTracer(tracing.tracer(), new BraveCurrentTraceContext(tracing.currentTraceContext()));
    final Propagator propagator = new BravePropagator(tracing);

    @Override
    public void close() {
        tracing.close();
    }
}
