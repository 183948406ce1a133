package io.sluice.apply.sync;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.sluice.apply.cluster.ApiWrites;
import io.sluice.apply.cluster.AppClusters;
import io.sluice.apply.cluster.ClusterObjects;
import io.sluice.events.ObjectRef;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Deletes the objects an application no longer renders, in its cluster. It deletes only an object whose live
 * {@value Ownership#APP_ANNOTATION} annotation names this very application, never one opted out
 * with {@code kustomize.toolkit.fluxcd.io/prune: disabled}; its dependents go as the application's
 * propagation policy says (Flux: background; Argo CD: foreground unless PrunePropagationPolicy says otherwise).
 */
@ApplicationScoped
public class Pruner {
    private static final Logger LOG = Logger.getLogger(Pruner.class);

    private final AppClusters clusters;
    private final ApiWrites writes;

    Pruner(AppClusters clusters, ApiWrites writes) {
        this.clusters = clusters;
        this.writes = writes;
    }

    /**
     * What a prune did: deleted objects (in a dry run: the ones it would delete), and the ones it
     * could not delete (still to be tried again).
     */
    public record PruneResult(List<ObjectRef> deleted, List<ObjectRef> failed, List<String> errors) {
    }

    /**
     * Prunes {@code leftovers} (the previous inventory minus what the new bundle holds), in the
     * reverse of the apply order, deleting their dependents with {@code propagation}; with
     * {@code dryRun}, only finds out which of them it would delete.
     *
     * @throws KubernetesClientException when the cluster does not answer at all
     */
    public PruneResult prune(String appId, List<ObjectRef> leftovers, DeletionPropagation propagation,
            boolean dryRun) {
        List<ObjectRef> deleted = new ArrayList<>();
        List<ObjectRef> failed = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        List<ObjectRef> ordered = leftovers.stream()
                .sorted(Comparator.comparingInt((ObjectRef r) -> ApplyOrder.rank(r.kind())).reversed())
                .toList();
        for (ObjectRef ref : ordered) {
            try {
                if (pruneOne(appId, ref, propagation, dryRun)) {
                    deleted.add(ref);
                }
            } catch (KubernetesClientException e) {
                if (ClusterObjects.unreachable(e)) {
                    throw e;
                }
                failed.add(ref);
                errors.add(ref.display() + ": cannot prune: " + ClusterObjects.reason(e));
            }
        }
        return new PruneResult(List.copyOf(deleted), List.copyOf(failed), List.copyOf(errors));
    }

    private boolean pruneOne(String appId, ObjectRef ref, DeletionPropagation propagation, boolean dryRun) {
        Optional<Resource<GenericKubernetesResource>> endpoint = clusters.of(appId).objects().find(ref);
        if (endpoint.isEmpty()) {
            LOG.infof("app=%s not pruning %s: its kind is no longer served, so it cannot exist", appId, ref.display());
            return false;
        }
        GenericKubernetesResource live = endpoint.get().get();
        if (live == null) {
            return false;
        }
        if (!Ownership.appliedBy(live, appId)) {
            LOG.infof("app=%s not pruning %s: its %s annotation does not name this application", appId,
                    ref.display(), Ownership.APP_ANNOTATION);
            return false;
        }
        if (Ownership.pruneDisabled(live)) {
            LOG.infof("app=%s not pruning %s: annotated %s: %s", appId, ref.display(), Ownership.PRUNE_ANNOTATION,
                    Ownership.PRUNE_DISABLED);
            return false;
        }
        if (!dryRun) {
            writes.count(appId, ApiWrites.DELETE);
            endpoint.get().withPropagationPolicy(propagation).delete();
        }
        return true;
    }
}
