package io.sluice.apply.app;

import static io.sluice.apply.app.ReconcileRecorder.NOTHING_PRUNED;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.sluice.apply.cluster.ClusterObjects;
import io.sluice.apply.drift.InventoryWatch;
import io.sluice.apply.history.SyncHistory;
import io.sluice.apply.sync.Pruner;
import io.sluice.apply.sync.Pruner.PruneResult;
import io.sluice.events.AppStatus;
import io.sluice.events.ConfigDocument;
import io.sluice.events.Event;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * An application whose document was deleted: it is no longer tracked and, as in Flux, its objects
 * are deleted only when its last spec had prune on and it was not suspended.
 */
@ApplicationScoped
public class AppDeletion {
    private static final Logger LOG = Logger.getLogger(AppDeletion.class);

    private final ApplyStreams streams;
    private final StatusBook statuses;
    private final Pruner pruner;
    private final InventoryWatch watch;
    private final AppSpecs specs;
    private final ApplyMetrics metrics;
    private final ReconcileRecorder recorder;
    private final SyncHistory history;

    AppDeletion(ApplyStreams streams, StatusBook statuses, Pruner pruner, InventoryWatch watch, AppSpecs specs,
            ApplyMetrics metrics, ReconcileRecorder recorder, SyncHistory history) {
        this.streams = streams;
        this.statuses = statuses;
        this.pruner = pruner;
        this.watch = watch;
        this.specs = specs;
        this.metrics = metrics;
        this.recorder = recorder;
        this.history = history;
    }

    Outcome deleted(String appId) {
        AppStatus last = statuses.last(appId);
        ConfigDocument lastDoc = streams.lastKnownConfig(appId);
        watch.untrack(appId);
        if (last == null) {
            streams.forgetConfig(appId);
            return Outcome.idle();
        }
        long start = System.nanoTime();
        AppSpec lastSpec = lastDoc == null ? null : specs.readOrInert(lastDoc);
        boolean suspended = statuses.suspendedByCommand(appId) || lastSpec != null && lastSpec.suspend();
        boolean prune = lastSpec != null && lastSpec.prune() && !suspended;
        PruneResult pruned = NOTHING_PRUNED;
        if (prune) {
            try {
                pruned = pruner.prune(appId, StatusBook.inventory(last), lastSpec.propagation(), false);
            } catch (KubernetesClientException e) {
                LOG.warnf("app=%s deleted, cannot prune its objects yet: %s", appId, ClusterObjects.reason(e));
                return recorder.finish(appId, last.revision(), null, NOTHING_PRUNED, start, ApplyMetrics.FAILURE, null);
            }
        }
        String message = last.app().display() + " deleted: " + (prune ? pruned.deleted().size() + " objects pruned"
                : "its objects stay in the cluster (" + (suspended ? "it was suspended" : "spec.prune is not true")
                        + ")")
                + (pruned.errors().isEmpty() ? "" : "; " + String.join("; ", pruned.errors()));
        history.forget(appId, last);
        statuses.remove(appId);
        streams.forgetConfig(appId);
        statuses.event(Event.info(last.app(), "Deleted", message, last.revision(), ApplyStreams.SERVICE));
        metrics.pruned(appId, pruned.deleted().size());
        return recorder.finish(appId, last.revision(), null, pruned, start, ApplyMetrics.SUCCESS, null);
    }
}
