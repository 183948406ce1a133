package io.sluice.source.helm;

import io.sluice.api.ObjectRef;
import io.sluice.source.git.SourceStatus;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One chart source: the HelmChart of a HelmRelease, or one shared by every Argo CD Application
 * that asks for the same chart of the same repository with the same targetRevision. Pulls of one
 * chart never overlap: they hold its monitor.
 */
final class HelmChartSource {
    final ObjectRef ref;
    /** The HelmReleases or Applications that ask for this chart, by id; guarded by {@link HelmSources}. */
    final Set<String> requesters = ConcurrentHashMap.newKeySet();
    /** Null while the asking document is invalid or unsupported. */
    volatile ChartRequest request;
    volatile Instant lastPoll;
    volatile boolean ready;
    volatile String message = "waiting for the repository index";
    /** Set once no document asks for the chart: nothing may be published for it after that. */
    volatile boolean removed;
    /** The failure last reported as an event; guarded by this. */
    String reportedFailure;

    HelmChartSource(ObjectRef ref) {
        this.ref = ref;
    }

    String id() {
        return ref.id();
    }

    /** "HelmChart flux-system/flux-system-ingress-nginx", as logs and messages name it. */
    String display() {
        return ref.kind() + " " + (ref.namespace().isEmpty() ? "" : ref.namespace() + "/") + ref.name();
    }

    SourceStatus status(String repositoryUrl, String revision) {
        return new SourceStatus(ref.kind(), ref.namespace(), ref.name(), repositoryUrl, revision, lastPoll, ready,
                false, message);
    }
}
