package io.sluice.events.trace;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.sluice.events.CommitTrace;
import java.util.HashMap;
import java.util.Map;

/**
 * A stage's spans in one commit's trace. The commit's trace context travels in the messages
 * ({@link CommitTrace#traceparent()}), because a stage works from its table of the latest artifact or
 * bundle per key, often long after the record's headers were read; the connector also writes the
 * {@code traceparent} header of every record for subscribers.
 */
public final class CommitSpans {
    private static final String TRACEPARENT = "traceparent";
    private static final TextMapGetter<Map<String, String>> MAP_GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private final Tracer tracer;

    public CommitSpans(OpenTelemetry openTelemetry, String service) {
        this.tracer = openTelemetry.getTracer("io.sluice." + service);
    }

    /**
     * Starts {@code name} as a child of {@code traceparent} (a new trace when it is null) and makes it
     * current; close the returned stage to end it.
     */
    public Stage start(String name, String traceparent) {
        Context parent = traceparent == null ? Context.root()
                : W3CTraceContextPropagator.getInstance().extract(Context.root(), Map.of(TRACEPARENT, traceparent),
                        MAP_GETTER);
        Span span = tracer.spanBuilder(name).setParent(parent).startSpan();
        return new Stage(span, span.makeCurrent());
    }

    /** A running span: the stage's work happens while it is current. */
    public static final class Stage implements AutoCloseable {
        private final Span span;
        private final Scope scope;

        Stage(Span span, Scope scope) {
            this.span = span;
            this.scope = scope;
        }

        /** This span's W3C trace context, for the next stage; null when tracing is off. */
        public String traceparent() {
            Map<String, String> carrier = new HashMap<>();
            W3CTraceContextPropagator.getInstance().inject(Context.current().with(span), carrier, Map::put);
            return carrier.get(TRACEPARENT);
        }

        public void failed(Throwable error) {
            span.recordException(error);
            span.setStatus(io.opentelemetry.api.trace.StatusCode.ERROR);
        }

        @Override
        public void close() {
            scope.close();
            span.end();
        }
    }
}
