package io.sluice.source.helm;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.sluice.api.source.HelmRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;

/**
 * The Helm stage's metrics, tagged by repository URL (without credentials):
 * {@code sluice_source_helm_index_seconds{repository}} and
 * {@code sluice_source_helm_failures_total{repository,reason}}.
 */
@ApplicationScoped
public class HelmMetrics {
    private final MeterRegistry registry;

    @Inject
    public HelmMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void indexFetched(HelmRepository.Spec spec, long startNanos) {
        Timer.builder("sluice.source.helm.index").description("Fetches of a Helm repository's index.yaml")
                .tag("repository", spec.displayUrl()).register(registry)
                .record(Duration.ofNanos(System.nanoTime() - startNanos));
    }

    /** A failure of the repository or of a chart pulled from it; {@code reason} is one of {@link HelmFailure}'s. */
    void failed(HelmRepository.Spec spec, String reason) {
        registry.counter("sluice.source.helm.failures", "repository", spec.displayUrl(), "reason", reason).increment();
    }

    /** A new artifact, counted as for every source. */
    void published(String sourceId) {
        registry.counter("sluice.source.artifacts", "source", sourceId).increment();
    }
}
