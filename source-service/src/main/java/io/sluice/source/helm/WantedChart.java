package io.sluice.source.helm;

import io.sluice.api.ObjectRef;
import io.sluice.api.argo.ImplicitSource;
import io.sluice.api.helm.HelmRelease;
import io.sluice.api.source.HelmRepository;
import java.time.Duration;

/**
 * A chart source that a HelmRelease or an Argo CD Application asks for. {@code implicitRepository}
 * is set when no HelmRepository object describes the repository (an Application's inline repoURL).
 */
record WantedChart(ObjectRef ref, ChartRequest request, ImplicitRepository implicitRepository) {

    /** A repository known only by its URL, polled as if a HelmRepository with this spec existed. */
    record ImplicitRepository(ObjectRef ref, HelmRepository.Spec spec) {
    }

    /** The chart of a HelmRelease's {@code spec.chart}, in the HelmChart Flux would make for it. */
    static WantedChart of(HelmRelease release) {
        HelmRelease.Chart chart = release.spec().chart();
        return new WantedChart(release.chartSource(), new ChartRequest(chart.chart(), chart.version(),
                chart.sourceRef().id()), null);
    }

    /**
     * The chart of an Argo CD source, shared by every Application asking for the same chart, repository
     * and targetRevision; its repository, implicit, is read every {@code interval} with Flux's timeout.
     */
    static WantedChart of(ImplicitSource.HelmChart chart, Duration interval) {
        return new WantedChart(chart.ref(), new ChartRequest(chart.chart(), chart.version(), chart.repository().id()),
                new ImplicitRepository(chart.repository(), new HelmRepository.Spec(chart.repositoryUrl(), interval,
                        HelmRepository.DEFAULT_TIMEOUT, null, false)));
    }
}
