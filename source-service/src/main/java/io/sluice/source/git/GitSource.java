package io.sluice.source.git;

import io.sluice.api.ObjectRef;
import io.sluice.source.trace.PollRequest;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One GitRepository: its current spec (null while its document is invalid) and what its last
 * poll found. Polls of one source never overlap: they hold the source's monitor.
 */
final class GitSource {
    /** The spec fields an artifact's content depends on, besides its commit: a change means a rebuild. */
    record Build(String ignore) {
    }

    final ObjectRef ref;
    volatile PolledRepository spec;
    volatile Instant lastPoll;
    volatile boolean ready;
    volatile String message = "waiting for the first poll";
    /** The failure last reported as an event, so that a failing source does not repeat it every poll. */
    String reportedFailure;
    /** What the artifact this service last built for the source depended on besides the commit; null before the first build. */
    Build lastBuild;
    /** The poll schedule; guarded by {@link GitSources}. */
    ScheduledFuture<?> schedule;
    /** The reconcile request no poll has served yet (outside the monitor, which a poll holds throughout). */
    private final AtomicReference<PollRequest> requested = new AtomicReference<>();

    GitSource(ObjectRef ref) {
        this.ref = ref;
    }

    /** Asks the next poll to serve {@code request}; an earlier request not served yet stays, with its arrival. */
    void request(PollRequest request) {
        requested.compareAndSet(null, request);
    }

    /** The request the poll beginning now serves, or null when none is waiting. */
    PollRequest takeRequest() {
        return requested.getAndSet(null);
    }

    String id() {
        return ref.id();
    }

    /** "GitRepository flux-system/demo", as logs and messages name it. */
    String display() {
        return ref.kind() + " " + ref.namespace() + "/" + ref.name();
    }

    SourceStatus status(String revision) {
        PolledRepository current = spec;
        return new SourceStatus(ref.kind(), ref.namespace(), ref.name(), current == null ? null : current.displayUrl(),
                revision, lastPoll, ready, current != null && current.suspend(), message);
    }
}
