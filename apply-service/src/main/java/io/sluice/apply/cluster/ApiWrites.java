package io.sluice.apply.cluster;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Counts the writes Sluice itself sends to the API server, per application, cluster and verb (the verbs of
 * the API server's own apiserver_request_total), as {@code sluice_apply_api_writes_total}: an
 * application whose bundle and cluster did not change must cost none. Dry runs are not writes.
 */
@ApplicationScoped
public class ApiWrites {
    /** A server-side apply. */
    public static final String APPLY = "APPLY";
    public static final String DELETE = "DELETE";

    private final MeterRegistry registry;
    private final AppClusters clusters;

    ApiWrites(MeterRegistry registry, AppClusters clusters) {
        this.registry = registry;
        this.clusters = clusters;
    }

    public void count(String appId, String verb) {
        Counter.builder("sluice.apply.api.writes").description("Write requests sent to the API server")
                .tag("app", appId).tag("cluster", clusters.of(appId).name()).tag("verb", verb).register(registry).increment();
    }
}
