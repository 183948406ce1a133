package io.sluice.apply.drift;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.sluice.api.ObjectRef;
import io.sluice.api.SluiceMarks;
import io.sluice.apply.cluster.AppClusters;
import io.sluice.apply.cluster.Cluster;
import io.sluice.apply.cluster.ClusterObjects;
import io.sluice.apply.diff.ObjectDiff;
import io.sluice.apply.sync.Ownership;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Watches the objects of every tracked application's inventory and names, moments after the
 * change, an application one of whose objects someone changed or deleted: drift is found by
 * events, not only by the periodic reconcile. One informer per kind, cluster-wide, on the objects
 * carrying Sluice's app label, so the cost grows with the number of kinds, not of objects. Each
 * application is watched in its own cluster ({@link AppClusters}): informers are per cluster and kind.
 *
 * <p>Changes to status or server-owned metadata alone are not reported. Whether a reported change
 * touches a field Sluice manages is for the application's next reconcile to tell: its dry-run
 * diff ignores fields that only other managers set. Additions are not reported either: Sluice
 * creates the objects it tracks, and a deleted object is reported by its deletion.
 */
@ApplicationScoped
public class InventoryWatch {
    private static final Logger LOG = Logger.getLogger(InventoryWatch.class);

    private final AppClusters clusters;
    private final ObjectDiff diff;
    /** Each tracked application's cluster and inventory. Changed on the worker thread only. */
    private final Map<String, Tracked> tracked = new ConcurrentHashMap<>();
    /** "cluster id|object id" to the tracked applications holding it, read by the informers' threads. */
    private final Map<String, Set<String>> appsByObject = new ConcurrentHashMap<>();
    /** Per "cluster id|apiVersion/kind", how many entries of the tracked inventories are of that kind. */
    private final Map<String, Integer> usesByKind = new ConcurrentHashMap<>();
    /** One informer per "cluster id|apiVersion/kind" in use. */
    private final Map<String, SharedIndexInformer<GenericKubernetesResource>> informers = new ConcurrentHashMap<>();
    private volatile Consumer<String> changed = appId -> {
    };

    InventoryWatch(AppClusters clusters, ObjectDiff diff) {
        this.clusters = clusters;
        this.diff = diff;
        // Its reconcile tracks it again, on the new client: the old one's informers died with it.
        clusters.onMoved(appId -> changed.accept(appId));
    }

    /** An application's watched inventory, in the cluster it was applied to. */
    private record Tracked(Cluster cluster, List<ObjectRef> inventory) {
    }

    /** {@code changed} gets the id of each tracked application one of whose objects changed, on an informer's thread. */
    public void onChange(Consumer<String> changed) {
        this.changed = changed;
    }

    /** Watches {@code inventory} in {@code appId}'s cluster, in place of what was watched for it before. */
    public void track(String appId, List<ObjectRef> inventory) {
        Cluster cluster = clusters.of(appId);
        Tracked previous = tracked.put(appId, new Tracked(cluster, List.copyOf(inventory)));
        inventory.forEach(ref -> appsByObject.computeIfAbsent(objectKey(cluster, ref),
                id -> ConcurrentHashMap.newKeySet()).add(appId));
        inventory.forEach(ref -> use(cluster, ref, 1));
        if (previous != null) {
            forget(appId, previous);
        }
    }

    /** Stops watching for {@code appId}: a suspended or deleted application is not self-healed. */
    public void untrack(String appId) {
        Tracked previous = tracked.remove(appId);
        if (previous != null) {
            forget(appId, previous);
        }
    }

    public void stop() {
        informers.values().forEach(SharedIndexInformer::stop);
        informers.clear();
    }

    private void forget(String appId, Tracked previous) {
        Tracked current = tracked.get(appId);
        Set<String> kept = current == null ? Set.of() : current.inventory().stream()
                .map(ref -> objectKey(current.cluster(), ref)).collect(Collectors.toSet());
        previous.inventory().forEach(ref -> {
            String key = objectKey(previous.cluster(), ref);
            if (!kept.contains(key)) {
                appsByObject.computeIfPresent(key, (id, apps) -> without(apps, appId));
            }
            use(previous.cluster(), ref, -1);
        });
    }

    /**
     * Counts the inventory entries of {@code ref}'s kind: the first starts the kind's informer, the
     * last one gone stops it. A change made between Sluice's apply and the informer's first list
     * comes as no event: every application holding objects of a newly watched kind is reported
     * once, so its next reconcile finds such a change.
     */
    private void use(Cluster cluster, ObjectRef ref, int change) {
        String key = kindKey(cluster, ref);
        int users = usesByKind.merge(key, change, Integer::sum);
        if (users <= 0) {
            usesByKind.remove(key);
            SharedIndexInformer<GenericKubernetesResource> informer = informers.remove(key);
            if (informer != null) {
                informer.stop();
            }
        } else if (!informers.containsKey(key)) {
            inform(cluster, ref).ifPresent(informer -> {
                informers.put(key, informer);
                tracked.forEach((appId, watched) -> {
                    if (watched.inventory().stream().anyMatch(r -> key.equals(kindKey(watched.cluster(), r)))) {
                        changed.accept(appId);
                    }
                });
            });
        }
    }

    private static String kindKey(Cluster cluster, ObjectRef ref) {
        return cluster.id() + "|" + ref.apiVersion() + "/" + ref.kind();
    }

    private static String objectKey(Cluster cluster, ObjectRef ref) {
        return objectKey(cluster.id(), ref);
    }

    private static String objectKey(String clusterId, ObjectRef ref) {
        return clusterId + "|" + ref.id();
    }

    private Optional<SharedIndexInformer<GenericKubernetesResource>> inform(Cluster cluster, ObjectRef sample) {
        Optional<ResourceDefinitionContext> context = cluster.discovery().find(sample.apiVersion(), sample.kind());
        if (context.isEmpty()) {
            LOG.debugf("not watching %s of %s: cluster %s does not serve it", sample.kind(), sample.apiVersion(),
                    cluster);
            return Optional.empty();
        }
        var all = cluster.client().genericKubernetesResources(context.get());
        var labelled = context.get().isNamespaceScoped()
                ? all.inAnyNamespace().withLabel(SluiceMarks.APP_NAME_LABEL)
                : all.withLabel(SluiceMarks.APP_NAME_LABEL);
        try {
            return Optional.of(labelled.inform(new Changes(cluster.id(), sample.apiVersion(), sample.kind()), 0));
        } catch (KubernetesClientException e) {
            LOG.warnf("cannot watch %s of %s in cluster %s for drift (the periodic reconcile still corrects it): %s",
                    sample.kind(), sample.apiVersion(), cluster, ClusterObjects.reason(e));
            return Optional.empty();
        }
    }

    private void report(String clusterId, String apiVersion, String kind, GenericKubernetesResource object) {
        String id = objectKey(clusterId, new ObjectRef(apiVersion, kind, object.getMetadata().getNamespace(),
                object.getMetadata().getName()));
        Set<String> apps = appsByObject.getOrDefault(id, Set.of());
        if (!apps.isEmpty()) {
            LOG.debugf("%s changed in the cluster: reconciling %s", id, apps);
            apps.forEach(changed);
        }
    }

    private static Set<String> without(Set<String> apps, String appId) {
        apps.remove(appId);
        return apps.isEmpty() ? null : apps;
    }

    /** The events of one kind's informer; list items may lack apiVersion and kind, so the informer's own are used. */
    private final class Changes implements ResourceEventHandler<GenericKubernetesResource> {
        private final String clusterId;
        private final String apiVersion;
        private final String kind;

        Changes(String clusterId, String apiVersion, String kind) {
            this.clusterId = clusterId;
            this.apiVersion = apiVersion;
            this.kind = kind;
        }

        @Override
        public void onAdd(GenericKubernetesResource object) {
            // Sluice creates what it tracks; a re-creation by someone else follows a reported deletion.
        }

        @Override
        public void onUpdate(GenericKubernetesResource before, GenericKubernetesResource after) {
            if (!diff.differences(before, after).isEmpty()) {
                report(clusterId, apiVersion, kind, after);
            }
        }

        @Override
        public void onDelete(GenericKubernetesResource object, boolean finalStateUnknown) {
            report(clusterId, apiVersion, kind, object);
        }
    }
}
