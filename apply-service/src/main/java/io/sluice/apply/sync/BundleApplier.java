package io.sluice.apply.sync;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.sluice.api.ObjectRef;
import io.sluice.api.SluiceMarks;
import io.sluice.api.kustomize.Kustomization;
import io.sluice.apply.cluster.ApiWrites;
import io.sluice.apply.cluster.AppClusters;
import io.sluice.apply.cluster.Cluster;
import io.sluice.apply.cluster.ClusterObjects;
import io.sluice.apply.diff.DiffOptions;
import io.sluice.apply.diff.ObjectDiff;
import io.sluice.apply.health.Conditions;
import io.sluice.apply.sync.ApplyResult.Applied;
import io.sluice.apply.sync.ApplyResult.Change;
import io.sluice.apply.sync.ApplyResult.Failure;
import io.sluice.apply.sync.ObjectSyncOptions.SsaPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Makes the cluster hold a bundle's objects: server-side apply with field manager
 * {@value SluiceMarks#FIELD_MANAGER} in the steps of a {@link SyncPlan} (Argo CD's phases and waves,
 * then {@link ApplyOrder}), each step waiting for the one before to be healthy ({@link WaveGate}).
 * Conflicts with fields other managers only updated are forced (Git wins); conflicts with another
 * server-side apply owner are refused and named ({@link FieldConflicts}). Per object, Flux's
 * {@code ssa} annotation (IfNotPresent: create only; Ignore: never apply) and force (recreate when
 * an immutable field changed) are honoured ({@link ObjectSyncOptions}). Every
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
    private final HookRunner hooks;
    private final WaveGate gate;
    private final ObjectRemoval removal;

    BundleApplier(AppClusters clusters, ObjectDiff diff, ApiWrites writes, HookRunner hooks, WaveGate gate,
            ObjectRemoval removal) {
        this.clusters = clusters;
        this.diff = diff;
        this.writes = writes;
        this.hooks = hooks;
        this.gate = gate;
        this.removal = removal;
    }

    /** One rendered object made ready to apply: marked, with its final namespace and its own sync options. */
    record Target(ObjectRef ref, ResourceDefinitionContext context, GenericKubernetesResource object,
            ObjectSyncOptions options) {
    }

    /** One application's bundle on its way to its cluster; in a dry run, nothing is written. */
    private record Run(ObjectRef app, String appId, TargetNamespace target, boolean dryRun, Cluster cluster,
            SyncOperation operation, DiffOptions diff, List<Applied> hooksRun, List<Target> failHooks) {
        boolean runsHooks() {
            return operation.runsHooks() && !dryRun;
        }

        String targetNamespace() {
            return target == null ? null : target.name();
        }
    }

    /**
     * Applies the out-of-sync objects of {@code rendered} for application {@code app} (id
     * {@code appId}); with {@code dryRun}, only finds out what applying would change. Namespaced
     * objects go to {@code target} when it overrides, else to their own namespace, else to
     * {@code target}, else "default". The differences that {@code diffOptions} ignores are not
     * counted, and with RespectIgnoreDifferences not applied either.
     *
     * @throws KubernetesClientException when the cluster does not answer at all
     */
    public ApplyResult apply(ObjectRef app, String appId, List<Map<String, Object>> rendered,
            TargetNamespace target, boolean dryRun, DiffOptions diffOptions) {
        return apply(app, appId, rendered, target, dryRun, SyncOperation.CHECK, diffOptions);
    }

    /** The same, as {@code operation}: its hooks run (unless a dry run) and its options apply. */
    public ApplyResult apply(ObjectRef app, String appId, List<Map<String, Object>> rendered,
            TargetNamespace target, boolean dryRun, SyncOperation operation, DiffOptions diffOptions) {
        Run run = new Run(app, appId, target, dryRun, clusters.of(appId), operation, diffOptions,
                new ArrayList<>(), new ArrayList<>());
        List<Applied> applied = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        List<Map<String, Object>> first = rendered.stream().filter(o -> ApplyOrder.definesTheRest(kindOf(o))).toList();
        List<Map<String, Object>> rest = rendered.stream().filter(o -> !ApplyOrder.definesTheRest(kindOf(o))).toList();
        String waitingFor = applyStage(first, run, applied, failures);
        if (failures.isEmpty() && waitingFor == null) {
            if (target != null) {
                ensureNamespace(run, failures);
            }
            if (failures.isEmpty()) {
                waitingFor = applyStage(rest, run, applied, failures);
            }
        }
        if (!failures.isEmpty() && run.runsHooks()) {
            runFailHooks(run, failures);
        }
        return new ApplyResult(List.copyOf(applied), List.copyOf(failures), List.copyOf(run.hooksRun()), waitingFor);
    }

    /** Applies one stage step by step; returns what it waits for when a step is not healthy yet, else null. */
    private String applyStage(List<Map<String, Object>> stage, Run run, List<Applied> applied, List<Failure> failures) {
        List<Target> targets = new ArrayList<>();
        List<Failure> unresolved = new ArrayList<>();
        for (Map<String, Object> object : stage) {
            resolve(object, run, targets, unresolved);
        }
        if (!unresolved.isEmpty()) {
            failures.addAll(unresolved);
            return null;
        }
        List<SyncPlan.Step> steps = SyncPlan.of(targets, run.runsHooks());
        run.failHooks().addAll(SyncPlan.failHooks(targets));
        for (int i = 0; i < steps.size(); i++) {
            SyncPlan.Step step = steps.get(i);
            List<WaveGate.Checked> checked = new ArrayList<>();
            for (Target target : step.targets()) {
                try {
                    Applied one = target.options().isHook() ? hooks.start(target, run.appId(), run.operation().key())
                            : applyOne(target, run);
                    (target.options().isHook() ? run.hooksRun() : applied).add(one);
                    checked.add(new WaveGate.Checked(one.ref(), one.live()));
                } catch (KubernetesClientException e) {
                    if (ClusterObjects.unreachable(e)) {
                        throw e;
                    }
                    failures.add(new Failure(target.ref(), target.ref().display() + ": " + ClusterObjects.reason(e)));
                } catch (IllegalStateException e) {
                    failures.add(new Failure(target.ref(), target.ref().display() + ": " + e.getMessage()));
                }
            }
            boolean last = i == steps.size() - 1;
            if (!failures.isEmpty() || run.dryRun() || last && !step.hasHooks()) {
                continue;
            }
            WaveGate.Verdict verdict = gate.check(run.appId(), step.describe(), checked);
            hooks.finish(step.targets().stream().filter(t -> t.options().isHook()).toList(), run.appId(),
                    verdict.failure() != null);
            if (verdict.failure() != null) {
                failures.add(verdict.failure());
            }
            if (!verdict.passed()) {
                return verdict.waitingFor();
            }
        }
        return null;
    }

    /** Argo CD's SyncFail hooks: created once when a sync operation fails; a hook that cannot be is named too. */
    private void runFailHooks(Run run, List<Failure> failures) {
        for (Target hook : run.failHooks()) {
            try {
                run.hooksRun().add(hooks.start(hook, run.appId(), run.operation().key()));
            } catch (KubernetesClientException e) {
                if (ClusterObjects.unreachable(e)) {
                    throw e;
                }
                failures.add(new Failure(hook.ref(), hook.ref().display() + ": SyncFail hook not created: "
                        + ClusterObjects.reason(e)));
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
        ObjectSyncOptions options;
        try {
            options = ObjectSyncOptions.of(object, run.operation().rules().force());
        } catch (IllegalArgumentException e) {
            failures.add(new Failure(ref, ref.display() + ": " + e.getMessage()));
            return;
        }
        Ownership.mark(object, run.app(), run.appId());
        targets.add(new Target(ref, context.get(), object, options));
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
        SsaPolicy policy = target.options().ssa();
        if (policy == SsaPolicy.IGNORE || live != null && policy == SsaPolicy.IF_NOT_PRESENT) {
            return new Applied(target.ref(), live, Change.UNCHANGED, List.of());
        }
        if (live != null && run.diff().respectIgnoreDifferences()) {
            endpoint = run.cluster().objects().resource(target.context(), diff.respectingIgnored(target.object(), live, run.diff()));
        }
        if (live == null) {
            if (run.dryRun()) {
                serverSideApply(endpoint, true, true);
                return new Applied(target.ref(), null, Change.CREATED, List.of());
            }
            return new Applied(target.ref(), write(target, endpoint, run, true), Change.CREATED, List.of());
        }
        boolean force = false;
        GenericKubernetesResource desired;
        try {
            desired = serverSideApply(endpoint, true, false);
        } catch (KubernetesClientException e) {
            if (FieldConflicts.isConflict(e)) {
                List<FieldConflicts.Conflict> conflicts = FieldConflicts.of(e, live);
                if (!FieldConflicts.mayForce(conflicts, policy)) {
                    throw new IllegalStateException(FieldConflicts.message(conflicts, policy));
                }
                force = true;
                desired = serverSideApply(endpoint, true, true);
            } else if (immutable(e)) {
                return recreate(target, endpoint, run, e);
            } else {
                throw e;
            }
        }
        List<String> differences = diff.differences(live, desired, run.diff());
        if (!differences.isEmpty() && !sameVersion(live, desired)) {
            // Someone (a controller) wrote the object between the read and the dry run: compare with
            // what the dry run started from, not with the older read, so their change is not ours.
            GenericKubernetesResource reread = endpoint.get();
            if (reread != null && sameVersion(reread, desired)) {
                live = reread;
                differences = diff.differences(live, desired, run.diff());
            }
        }
        if (differences.isEmpty()) {
            return new Applied(target.ref(), live, Change.UNCHANGED, List.of());
        }
        GenericKubernetesResource after = run.dryRun() ? live : write(target, endpoint, run, force);
        return new Applied(target.ref(), after, Change.CONFIGURED, differences);
    }

    /**
     * An object whose immutable fields changed is deleted and created again when forced (Flux
     * force, Argo CD Replace=true or Force=true); otherwise the refusal is reported with the way out.
     */
    private Applied recreate(Target target, Resource<GenericKubernetesResource> endpoint, Run run,
            KubernetesClientException refusal) {
        if (!target.options().recreate()) {
            throw new IllegalStateException(ClusterObjects.reason(refusal) + " (to recreate it, annotate it "
                    + Kustomization.FORCE_ANNOTATION + ": Enabled or set the application's force option)");
        }
        if (!run.dryRun()) {
            removal.deleteAndWait(run.appId(), endpoint);
        }
        GenericKubernetesResource after = run.dryRun() ? endpoint.get() : write(target, endpoint, run, true);
        return new Applied(target.ref(), after, Change.CONFIGURED, List.of("(recreated: an immutable field changed)"));
    }

    private static boolean sameVersion(GenericKubernetesResource a, GenericKubernetesResource b) {
        return a.getMetadata() != null && b.getMetadata() != null && a.getMetadata().getResourceVersion() != null
                && a.getMetadata().getResourceVersion().equals(b.getMetadata().getResourceVersion());
    }

    private static boolean immutable(KubernetesClientException e) {
        return e.getCode() == 422 && ClusterObjects.reason(e).contains("immutable");
    }

    /** A server-side apply; as a dry run, what the object would be after it. */
    private static GenericKubernetesResource serverSideApply(Resource<GenericKubernetesResource> endpoint,
            boolean dryRun, boolean force) {
        var request = dryRun ? endpoint.dryRun().fieldManager(SluiceMarks.FIELD_MANAGER)
                : endpoint.fieldManager(SluiceMarks.FIELD_MANAGER);
        return force ? request.forceConflicts().serverSideApply() : request.serverSideApply();
    }

    private GenericKubernetesResource write(Target target, Resource<GenericKubernetesResource> endpoint, Run run,
            boolean force) {
        writes.count(run.appId(), ApiWrites.APPLY);
        GenericKubernetesResource live = serverSideApply(endpoint, false, force);
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
                run.cluster().objects().resource(context, namespace).fieldManager(SluiceMarks.FIELD_MANAGER).forceConflicts()
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
