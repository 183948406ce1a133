package io.sluice.apply.cluster;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Which cluster each application's objects are in: set from its destination before each
 * reconcile, read by apply, prune, diff, health and the drift watch, so that none of them needs
 * the destination passed along. An application not assigned yet is in the cluster Sluice runs in.
 */
@ApplicationScoped
public class AppClusters {
    private final Clusters clusters;
    private final Map<String, Cluster> byApp = new ConcurrentHashMap<>();
    private volatile Consumer<String> moved = appId -> {
    };

    AppClusters(Clusters clusters) {
        this.clusters = clusters;
        clusters.onRebuilt(this::replace);
    }

    /**
     * {@code moved} gets each application moved to a rebuilt client of its cluster: what was built
     * on the old, closed client (the drift watch) must be built again.
     */
    public void onMoved(Consumer<String> moved) {
        this.moved = moved;
    }

    private void replace(Cluster before, Cluster after) {
        byApp.forEach((appId, cluster) -> {
            if (cluster == before && byApp.replace(appId, before, after)) {
                moved.accept(appId);
            }
        });
    }

    public Cluster of(String appId) {
        return byApp.getOrDefault(appId, clusters.inCluster());
    }

    /** Puts {@code appId} on {@code cluster}; returns the cluster it was on before, or null. */
    public Cluster assign(String appId, Cluster cluster) {
        return byApp.put(appId, cluster);
    }

    /** Whether {@code appId} was put on a cluster since the service started. */
    public boolean isAssigned(String appId) {
        return byApp.containsKey(appId);
    }

    /** Forgets a deleted application. */
    public void release(String appId) {
        byApp.remove(appId);
    }
}
