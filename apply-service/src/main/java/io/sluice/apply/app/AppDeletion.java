package io.sluice.apply.app;

import static io.sluice.apply.app.ReconcileRecorder.NOTHING_PRUNED;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.sluice.api.status.Reasons;
import io.sluice.apply.cluster.AppClusters;
import io.sluice.apply.cluster.ClusterObjects;
import io.sluice.apply.drift.InventoryWatch;
import io.sluice.apply.history.SyncHistory;
import io.sluice.apply.sync.Pruner.PruneResult;
import io.sluice.apply.sync.Pruner;
import io.sluice.events.AppStatus;
import io.sluice.events.ConfigDocument;
import io.sluice.events.Event;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * An application whose document was deleted: it is no longer tracked, and its objects are deleted
 * from its cluster as its {@link DeletionPolicy} says.
 */
@ApplicationScoped
public class AppDeletion {
    private static final Logger LOG = Logger.getLogger(AppDeletion.class);

    private final ApplyStreams streams;
    private final StatusBook statuses;
    private final Pruner pruner;
    private final InventoryWatch watch;
    private final ApplyPolicies policies;
    private final ApplyMetrics metrics;
    private final ReconcileRecorder recorder;
    private final AppDestinations destinations;
    private final AppClusters clusters;
    private final SyncHistory history;

    AppDeletion(ApplyStreams streams, StatusBook statuses, Pruner pruner, InventoryWatch watch, ApplyPolicies policies,
            ApplyMetrics metrics, ReconcileRecorder recorder, AppDestinations destinations, AppClusters clusters,
            SyncHistory history) {
        this.streams = streams;
        this.statuses = statuses;
        this.pruner = pruner;
        this.watch = watch;
        this.policies = policies;
        this.metrics = metrics;
        this.recorder = recorder;
        this.destinations = destinations;
        this.clusters = clusters;
        this.history = history;
    }

    ReconcileOutcome deleted(String appId) {
        AppStatus last = statuses.last(appId);
        ConfigDocument lastDoc = streams.lastKnownConfig(appId);
        watch.untrack(appId);
        if (last == null) {
            streams.forgetConfig(appId);
            clusters.release(appId);
            return ReconcileOutcome.idle();
        }
        long start = System.nanoTime();
        ApplyPolicy lastPolicy = lastDoc == null ? null : policies.readIfValid(lastDoc);
        DeletionPolicy policy = DeletionPolicy.whenDeleted(lastPolicy, statuses.suspendedByCommand(appId));
        PruneResult pruned = NOTHING_PRUNED;
        if (policy.cascade()) {
            try {
                destinations.routeDeleted(appId, lastDoc, lastPolicy);
                pruned = pruner.prune(appId, StatusBook.inventory(last), policy.propagation(), false);
            } catch (KubernetesClientException | IllegalArgumentException e) {
                LOG.warnf("app=%s deleted, cannot prune its objects yet: %s", appId, e instanceof
                        KubernetesClientException k ? ClusterObjects.reason(k) : e.getMessage());
                return recorder.finish(appId, last.revision(), null, NOTHING_PRUNED, start, ApplyMetrics.FAILURE, null);
            }
        }
        String message = last.app().display() + " deleted: " + (policy.cascade() ? pruned.deleted().size()
                + " objects pruned" : "its objects stay in the cluster (" + policy.why() + ")")
                + (pruned.errors().isEmpty() ? "" : "; " + String.join("; ", pruned.errors()));
        history.forget(appId, last);
        statuses.remove(appId);
        streams.forgetConfig(appId);
        clusters.release(appId);
        statuses.event(Event.info(last.app(), Reasons.DELETED, message, last.revision(), ApplyStreams.SERVICE));
        metrics.pruned(appId, pruned.deleted().size());
        return recorder.finish(appId, last.revision(), null, pruned, start, ApplyMetrics.SUCCESS, null);
    }
}
