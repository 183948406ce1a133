package io.sluice.apply.sync;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.sluice.api.ObjectRef;
import io.sluice.api.SluiceMarks;
import io.sluice.api.argo.ArgoAnnotations;
import io.sluice.api.kustomize.Kustomization;
import io.sluice.apply.cluster.ApiWrites;
import io.sluice.apply.cluster.AppClusters;
import io.sluice.apply.cluster.ClusterObjects;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Deletes the objects an application no longer renders, in its cluster, after everything else of the sync was
 * applied and healthy (so Argo CD's PruneLast=true, per application or per object, is how Sluice
 * always prunes). It deletes only an object whose live {@value Ownership#SluiceMarks.APP_ANNOTATION}
 * annotation names this very application, never one opted out with Flux's
 * {@code kustomize.toolkit.fluxcd.io/prune: disabled} or Argo CD's sync-options Prune=false or
 * Delete=false (the opt-out also keeps it when the application is deleted); its dependents go as
 * the application's propagation policy says (Flux: background; Argo CD: foreground unless
 * PrunePropagationPolicy says otherwise).
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
     * What a prune did: deleted objects (in a dry run: the ones it would delete), the ones it
     * could not delete (still to be tried again), and the ones left alone because they opted out.
     */
    public record PruneResult(List<ObjectRef> deleted, List<ObjectRef> failed, List<String> errors,
            List<ObjectRef> optedOut) {
        public PruneResult(List<ObjectRef> deleted, List<ObjectRef> failed, List<String> errors) {
            this(deleted, failed, errors, List.of());
        }
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
        List<ObjectRef> optedOut = new ArrayList<>();
        List<ObjectRef> ordered = leftovers.stream()
                .sorted(Comparator.comparingInt((ObjectRef r) -> ApplyOrder.rank(r.kind())).reversed())
                .toList();
        for (ObjectRef ref : ordered) {
            try {
                switch (pruneOne(appId, ref, propagation, dryRun)) {
                    case DELETED -> deleted.add(ref);
                    case OPTED_OUT -> optedOut.add(ref);
                    case GONE -> {
                    }
                }
            } catch (KubernetesClientException e) {
                if (ClusterObjects.unreachable(e)) {
                    throw e;
                }
                failed.add(ref);
                errors.add(ref.display() + ": cannot prune: " + ClusterObjects.reason(e));
            }
        }
        return new PruneResult(List.copyOf(deleted), List.copyOf(failed), List.copyOf(errors), List.copyOf(optedOut));
    }

    private enum Pruned {
        DELETED, OPTED_OUT, GONE
    }

    private Pruned pruneOne(String appId, ObjectRef ref, DeletionPropagation propagation, boolean dryRun) {
        Optional<Resource<GenericKubernetesResource>> endpoint = clusters.of(appId).objects().find(ref);
        if (endpoint.isEmpty()) {
            LOG.infof("app=%s not pruning %s: its kind is no longer served, so it cannot exist", appId, ref.display());
            return Pruned.GONE;
        }
        GenericKubernetesResource live = endpoint.get().get();
        if (live == null) {
            return Pruned.GONE;
        }
        if (!Ownership.appliedBy(live, appId)) {
            LOG.infof("app=%s not pruning %s: its %s annotation does not name this application", appId,
                    ref.display(), SluiceMarks.APP_ANNOTATION);
            return Pruned.GONE;
        }
        if (ObjectSyncOptions.pruneDisabled(live)) {
            LOG.infof("app=%s not pruning %s: annotated %s: disabled or %s: Prune or Delete false or confirm", appId,
                    ref.display(), Kustomization.PRUNE_ANNOTATION, ArgoAnnotations.SYNC_OPTIONS);
            return Pruned.OPTED_OUT;
        }
        if (!dryRun) {
            writes.count(appId, ApiWrites.DELETE);
            endpoint.get().withPropagationPolicy(propagation).delete();
        }
        return Pruned.DELETED;
    }
}
