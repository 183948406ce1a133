package io.sluice.source.helm;

import io.sluice.api.ObjectRef;

/**
 * A chart source that a HelmRelease or an Argo CD Application asks for. {@code implicitRepository}
 * is set when no HelmRepository object describes the repository (an Application's inline repoURL).
 */
record WantedChart(ObjectRef ref, ChartRequest request, ImplicitRepository implicitRepository) {

    /** A repository known only by its URL, polled as if a HelmRepository with this spec existed. */
    record ImplicitRepository(ObjectRef ref, HelmRepositorySpec spec) {
    }
}
