package io.sluice.source.helm;

import io.sluice.api.ObjectRef;
import io.sluice.api.source.HelmRepository;
import io.sluice.source.git.SourceStatus;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;

/**
 * One Helm repository: a HelmRepository object, or one that Argo CD Applications name by URL
 * ({@code implicit}). Index fetches of one repository never overlap: they hold its monitor, which
 * also guards the cached index.
 */
final class HelmRepositorySource {
    final ObjectRef ref;
    final boolean implicit;
    /** Null while the document is invalid. */
    volatile HelmRepository.Spec spec;
    volatile Instant lastPoll;
    volatile boolean ready;
    volatile String message = "waiting for the first index fetch";
    /** The event reason of the last fetch's failure (AuthenticationFailed, IndexationFailed), null after a success. */
    volatile String failureReason;
    /** "sha256:<hex>" of the index in hand. */
    volatile String indexDigest;
    /** The index in hand, the URL and ETag it came with, and the credentials of the last fetch; guarded by this. */
    HelmIndex index;
    String indexUrl;
    String etag;
    BasicAuth credentials;
    /** The failure last reported as an event, so that a failing repository does not repeat it every interval. */
    String reportedFailure;
    /** The fetch schedule; guarded by {@link HelmSources}. */
    ScheduledFuture<?> schedule;

    HelmRepositorySource(ObjectRef ref, boolean implicit) {
        this.ref = ref;
        this.implicit = implicit;
    }

    String id() {
        return ref.id();
    }

    /** "HelmRepository flux-system/stable", or the URL for a repository Argo CD Applications name inline. */
    String display() {
        HelmRepository.Spec current = spec;
        return implicit && current != null ? "Helm repository " + current.displayUrl()
                : ref.kind() + " " + ref.namespace() + "/" + ref.name();
    }

    SourceStatus status() {
        HelmRepository.Spec current = spec;
        return new SourceStatus(ref.kind(), ref.namespace(), ref.name(), current == null ? null : current.displayUrl(),
                indexDigest, lastPoll, ready, current != null && current.suspend(), message);
    }
}
