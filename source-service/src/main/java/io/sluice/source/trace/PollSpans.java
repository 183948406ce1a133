package io.sluice.source.trace;

import io.opentelemetry.api.OpenTelemetry;
import io.sluice.events.CommitTrace;
import io.sluice.events.trace.CommitSpans;
import io.sluice.source.SourceEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;

/**
 * The span of each poll of a source, where the trace of a commit starts: a child of the reconcile
 * request's trace context when a request asked for the poll (the webhook's HTTP server span), else
 * a trace of its own.
 */
@ApplicationScoped
public class PollSpans {
    private final CommitSpans spans;

    @Inject
    public PollSpans(OpenTelemetry openTelemetry) {
        this.spans = new CommitSpans(openTelemetry, SourceEvents.SERVICE);
    }

    /** Starts the poll of {@code sourceId} now, serving {@code request} (null for a scheduled poll). */
    public Poll start(String sourceId, PollRequest request) {
        Instant begun = Instant.now();
        CommitSpans.Stage stage = spans.start("poll " + sourceId, request == null ? null : request.traceparent());
        return new Poll(stage, request == null || request.arrived() == null ? begun : request.arrived());
    }

    /** A running poll: close it when the poll ends. */
    public static final class Poll implements AutoCloseable {
        private final CommitSpans.Stage stage;
        private final Instant arrived;

        Poll(CommitSpans.Stage stage, Instant arrived) {
            this.stage = stage;
            this.arrived = arrived;
        }

        /** The trace of a new commit this poll found, published at {@code sourced}. */
        public CommitTrace newCommit(Instant sourced) {
            return CommitTrace.arrived(stage.traceparent(), arrived).sourced(sourced);
        }

        @Override
        public void close() {
            stage.close();
        }
    }
}
