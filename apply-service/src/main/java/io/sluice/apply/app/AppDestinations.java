package io.sluice.apply.app;

import io.sluice.api.argo.Destination;
import io.sluice.api.status.Reasons;
import io.sluice.apply.cluster.AppClusters;
import io.sluice.apply.cluster.Cluster;
import io.sluice.apply.cluster.Clusters;
import io.sluice.apply.cluster.UnknownClusterException;
import io.sluice.events.AppStatus;
import io.sluice.events.ConfigDocument;
import io.sluice.events.Event;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Puts each application on the cluster its spec names, before anything reads or writes its
 * objects. An application whose destination changes is applied to the new cluster; what it had
 * applied to the old one stays there, no longer tracked, as in Argo CD: an event names that cluster
 * and how many objects stay, so that nothing is deleted from a cluster the user just left by a
 * typo. The change is known only while the service runs: after a restart, the application's
 * inventory is taken to be in its current destination.
 */
@ApplicationScoped
public class AppDestinations {
    private final Clusters clusters;
    private final AppClusters appClusters;
    private final StatusBook statuses;

    AppDestinations(Clusters clusters, AppClusters appClusters, StatusBook statuses) {
        this.clusters = clusters;
        this.appClusters = appClusters;
        this.statuses = statuses;
    }

    /** An application's destination that no Secret describes; retried, as the Secret may come later. */
    static final class UnknownDestinationException extends IllegalArgumentException {
        UnknownDestinationException(String message) {
            super(message);
        }
    }

    /**
     * Puts {@code appId} on the cluster {@code policy} names.
     *
     * @throws UnknownDestinationException naming the file and the field when no Secret describes it
     */
    void route(String appId, ConfigDocument doc, ApplyPolicy policy) {
        Cluster cluster = resolve(doc, policy.cluster());
        Cluster before = appClusters.assign(appId, cluster);
        if (before != null && !before.name().equals(cluster.name())) {
            AppStatus last = statuses.last(appId);
            int left = StatusBook.inventory(last).size();
            statuses.event(Event.info(doc.ref(), Reasons.DESTINATION_CHANGED, doc.ref().display() + " now goes to cluster "
                    + cluster + "; its " + left + " objects in cluster " + before + " stay there, no longer managed",
                    last == null ? null : last.revision(), ApplyStreams.SERVICE));
        }
    }

    /** Puts a deleted application, known by its last document, back on its cluster, to delete its objects there. */
    void routeDeleted(String appId, ConfigDocument lastDoc, ApplyPolicy lastPolicy) {
        if (!appClusters.isAssigned(appId)) {
            appClusters.assign(appId, resolve(lastDoc, lastPolicy.cluster()));
        }
    }

    private Cluster resolve(ConfigDocument doc, ClusterTarget target) {
        try {
            if (target.inCluster()) {
                return clusters.inCluster();
            }
            if (target.kubeConfig() != null) {
                ClusterTarget.KubeConfigSecret secret = target.kubeConfig();
                return clusters.kubeConfig(secret.namespace(), secret.name(), secret.key());
            }
            Destination destination = target.destination();
            return destination.server() != null ? clusters.argoServer(destination.server())
                    : clusters.argoName(destination.name());
        } catch (UnknownClusterException e) {
            throw new UnknownDestinationException(doc.origin() + ": " + doc.ref().display() + ": "
                    + target.field() + " '" + target.named() + "': " + e.getMessage());
        }
    }
}
