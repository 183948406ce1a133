package io.sluice.apply.sync;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.sluice.apply.cluster.ApiWrites;
import io.sluice.apply.cluster.AppClusters;
import io.sluice.apply.cluster.Cluster;
import io.sluice.apply.cluster.ClusterObjects;
import io.sluice.apply.diff.ObjectDiff;
import io.sluice.apply.health.Conditions;
import io.sluice.apply.sync.ApplyResult.Applied;
import io.sluice.apply.sync.ApplyResult.Change;
import io.sluice.apply.sync.ApplyResult.Failure;
import io.sluice.events.ObjectRef;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Makes the cluster hold a bundle's objects: server-side apply with field manager
 * {@value Ownership#FIELD_MANAGER}, forcing conflicts (Git wins), in {@link ApplyOrder}. Every
 * object of a stage is resolved against discovery before any of it is applied, so a bundle with
 * an unknown kind changes nothing in that stage.
 *
 * <p>Only objects that are out of sync are written: each live object is compared with what a
 * server-side dry-run apply of its desired state would make of it, so an unchanged bundle on an
 * unchanged cluster costs reads and dry runs only, never a write.
 */
@ApplicationScoped
public class BundleApplier {
    private static final Duration CRD_ESTABLISHED_TIMEOUT = Duration.ofSeconds(30);
    private static final String CRD_KIND = "CustomResourceDefinition";

    private final AppClusters clusters;
    private final ObjectDiff diff;
    private final ApiWrites writes;

    BundleApplier(AppClusters clusters, ObjectDiff diff, ApiWrites writes) {
        this.clusters = clusters;
        this.diff = diff;
        this.writes = writes;
    }

    /** One rendered object made ready to apply: marked, with its final namespace. */
    private record Target(ObjectRef ref, ResourceDefinitionContext context, GenericKubernetesResource object) {
    }

    /** One application's bundle on its way to its cluster; in a dry run, nothing is written. */
    private record Run(ObjectRef app, String appId, TargetNamespace target, boolean dryRun, Cluster cluster) {
        String targetNamespace() {
            return target == null ? null : target.name();
        }
    }

    /**
     * Applies the out-of-sync objects of {@code rendered} for application {@code app} (id
     * {@code appId}); with {@code dryRun}, only finds out what applying would change. Namespaced
     * objects go to {@code target} when it overrides, else to their own namespace, else to
     * {@code target}, else "default".
     *
     * @throws KubernetesClientException when the cluster does not answer at all
     */
    public ApplyResult apply(ObjectRef app, String appId, List<Map<String, Object>> rendered,
            TargetNamespace target, boolean dryRun) {
        Run run = new Run(app, appId, target, dryRun, clusters.of(appId));
        List<Applied> applied = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        List<Map<String, Object>> first = rendered.stream().filter(o -> ApplyOrder.definesTheRest(kindOf(o))).toList();
        List<Map<String, Object>> rest = rendered.stream().filter(o -> !ApplyOrder.definesTheRest(kindOf(o))).toList();
        applyStage(first, run, applied, failures);
        if (failures.isEmpty()) {
            if (target != null) {
                ensureNamespace(run, failures);
            }
            if (failures.isEmpty()) {
                applyStage(rest, run, applied, failures);
            }
        }
        return new ApplyResult(List.copyOf(applied), List.copyOf(failures));
    }

    private void applyStage(List<Map<String, Object>> stage, Run run, List<Applied> applied, List<Failure> failures) {
        List<Target> targets = new ArrayList<>();
        List<Failure> unresolved = new ArrayList<>();
        for (Map<String, Object> object : stage) {
            resolve(object, run, targets, unresolved);
        }
        if (!unresolved.isEmpty()) {
            failures.addAll(unresolved);
            return;
        }
        targets.sort(Comparator.comparingInt(t -> ApplyOrder.rank(t.ref().kind())));
        for (Target target : targets) {
            try {
                applied.add(applyOne(target, run));
            } catch (KubernetesClientException e) {
                if (ClusterObjects.unreachable(e)) {
                    throw e;
                }
                failures.add(new Failure(target.ref(), target.ref().display() + ": " + ClusterObjects.reason(e)));
            } catch (IllegalStateException e) {
                failures.add(new Failure(target.ref(), target.ref().display() + ": " + e.getMessage()));
            }
        }
    }

    private void resolve(Map<String, Object> rendered, Run run, List<Target> targets, List<Failure> failures) {
        GenericKubernetesResource object = run.cluster().objects().copyOf(rendered);
        ObjectMeta meta = object.getMetadata();
        String name = meta == null ? null : meta.getName();
        if (isBlank(object.getApiVersion()) || isBlank(object.getKind()) || isBlank(name)) {
            failures.add(new Failure(null, "object " + describe(object, name)
                    + " of the bundle lacks apiVersion, kind or metadata.name"));
            return;
        }
        var context = run.cluster().discovery().find(object.getApiVersion(), object.getKind());
        if (context.isEmpty()) {
            ObjectRef ref = new ObjectRef(object.getApiVersion(), object.getKind(), meta.getNamespace(), name);
            failures.add(new Failure(ref, ref.display() + ": kind " + object.getKind() + " of "
                    + object.getApiVersion() + " is not served by the cluster"));
            return;
        }
        boolean overrides = run.target() != null && run.target().overrides();
        String namespace = !context.get().isNamespaceScoped() ? null
                : overrides ? run.targetNamespace()
                : firstNonBlank(meta.getNamespace(), run.targetNamespace(), "default");
        meta.setNamespace(namespace);
        ObjectRef ref = new ObjectRef(object.getApiVersion(), object.getKind(), namespace, name);
        Optional<String> refused = run.cluster().refusal(namespace);
        if (refused.isPresent()) {
            failures.add(new Failure(ref, ref.display() + ": " + refused.get()));
            return;
        }
        Ownership.mark(object, run.app(), run.appId());
        targets.add(new Target(ref, context.get(), object));
    }

    /**
     * Writes the object only when it is missing or when a dry run shows that applying it would
     * change the live object. A missing object is dry-run only in a dry run, where that is the one
     * way to find out whether the cluster would accept it.
     */
    private Applied applyOne(Target target, Run run) {
        Resource<GenericKubernetesResource> endpoint = run.cluster().objects().resource(target.context(),
                target.object());
        GenericKubernetesResource live = endpoint.get();
        if (live == null) {
            if (run.dryRun()) {
                dryRunApply(endpoint);
                return new Applied(target.ref(), null, Change.CREATED, List.of());
            }
            return new Applied(target.ref(), write(target, endpoint, run), Change.CREATED, List.of());
        }
        List<String> differences = diff.differences(live, dryRunApply(endpoint));
        if (differences.isEmpty()) {
            return new Applied(target.ref(), live, Change.UNCHANGED, List.of());
        }
        GenericKubernetesResource after = run.dryRun() ? live : write(target, endpoint, run);
        return new Applied(target.ref(), after, Change.CONFIGURED, differences);
    }

    /** What the object would be after the apply: the API server's answer to a server-side dry-run apply. */
    private static GenericKubernetesResource dryRunApply(Resource<GenericKubernetesResource> endpoint) {
        return endpoint.dryRun().fieldManager(Ownership.FIELD_MANAGER).forceConflicts().serverSideApply();
    }

    private GenericKubernetesResource write(Target target, Resource<GenericKubernetesResource> endpoint, Run run) {
        writes.count(run.appId(), ApiWrites.APPLY);
        GenericKubernetesResource live = endpoint.fieldManager(Ownership.FIELD_MANAGER).forceConflicts()
                .serverSideApply();
        if (CRD_KIND.equals(target.ref().kind())) {
            awaitEstablished(target, run);
        }
        return live;
    }

    /** Custom resources of a new definition are served only once it is Established. */
    private void awaitEstablished(Target crd, Run run) {
        long end = System.nanoTime() + CRD_ESTABLISHED_TIMEOUT.toNanos();
        Resource<GenericKubernetesResource> endpoint = run.cluster().objects().resource(crd.context(), crd.ref());
        while (!Conditions.isTrue(endpoint.get(), "Established")) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException("not Established after " + CRD_ESTABLISHED_TIMEOUT.toSeconds() + " s");
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for it to be Established", e);
            }
        }
    }

    /**
     * The target namespace must exist before anything is applied into it; Sluice creates it, when
     * the application allows it, but does not own it. A dry run does not create it: the dry runs of
     * the objects into it then say it is missing.
     */
    private void ensureNamespace(Run run, List<Failure> failures) {
        TargetNamespace target = run.target();
        String name = target.name();
        ObjectRef ref = new ObjectRef("v1", "Namespace", null, name);
        var context = run.cluster().discovery().find(ref.apiVersion(), ref.kind()).orElseThrow();
        Resource<GenericKubernetesResource> endpoint = run.cluster().objects().resource(context, ref);
        try {
            boolean missing = endpoint.get() == null;
            if (missing && !target.create()) {
                failures.add(new Failure(ref, target.field() + " " + name + ": namespace does not exist and the"
                        + " application does not ask to create it"));
            } else if (!run.dryRun() && missing) {
                writes.count(run.appId(), ApiWrites.APPLY);
                GenericKubernetesResource namespace = new GenericKubernetesResource();
                namespace.setApiVersion(ref.apiVersion());
                namespace.setKind(ref.kind());
                namespace.setMetadata(new ObjectMeta());
                namespace.getMetadata().setName(name);
                namespace.getMetadata().setLabels(target.labels().isEmpty() ? null : target.labels());
                namespace.getMetadata().setAnnotations(target.annotations().isEmpty() ? null : target.annotations());
                run.cluster().objects().resource(context, namespace).fieldManager(Ownership.FIELD_MANAGER).forceConflicts()
                        .serverSideApply();
            }
        } catch (KubernetesClientException e) {
            if (ClusterObjects.unreachable(e)) {
                throw e;
            }
            failures.add(new Failure(ref, target.field() + " " + name + ": cannot create it: "
                    + ClusterObjects.reason(e)));
        }
    }

    private static String kindOf(Map<String, Object> rendered) {
        return String.valueOf(rendered.get("kind"));
    }

    private static String describe(GenericKubernetesResource object, String name) {
        return (object.getKind() == null ? "?" : object.getKind()) + "/" + (name == null ? "?" : name);
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    private static String firstNonBlank(String... values) {
        for (String value : values) {
            if (!isBlank(value)) {
                return value;
            }
        }
        return null;
    }
}
