package io.sluice.apply.app;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.sluice.apply.cluster.ClusterObjects;
import io.sluice.apply.health.HealthAssessor;
import io.sluice.apply.health.HealthAssessor.Health;
import io.sluice.apply.sync.ApplyResult;
import io.sluice.apply.sync.ApplyResult.Change;
import io.sluice.apply.sync.BundleApplier;
import io.sluice.apply.sync.Pruner;
import io.sluice.apply.sync.Pruner.PruneResult;
import io.sluice.events.AppStatus;
import io.sluice.events.AppStatus.ResourceStatus;
import io.sluice.events.ConfigDocument;
import io.sluice.events.Event;
import io.sluice.events.ObjectRef;
import io.sluice.events.RenderedBundle;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Brings one application to the state its latest inputs ask for: applies its bundle, prunes what
 * the bundle no longer holds (only when spec.prune is true and the bundle is good and not empty),
 * assesses health and reports the result. It always works from the latest Kustomization and
 * bundle, so reconciling an application twice in a row changes nothing the second time.
 * Runs on the worker thread only.
 */
@ApplicationScoped
public class AppReconciler {
    private static final Logger LOG = Logger.getLogger(AppReconciler.class);

    /** Whether the worker should try again later. */
    public enum Outcome {
        DONE, RETRY
    }

    private final ApplyStreams streams;
    private final StatusBook statuses;
    private final BundleApplier applier;
    private final Pruner pruner;
    private final HealthChecks health;
    private final ApplyMetrics metrics;
    /** Per application, the inputs last reconciled to completion: the same inputs are not applied again. */
    private final Map<String, String> handled = new HashMap<>();

    AppReconciler(ApplyStreams streams, StatusBook statuses, BundleApplier applier, Pruner pruner,
            HealthChecks health, ApplyMetrics metrics) {
        this.streams = streams;
        this.statuses = statuses;
        this.applier = applier;
        this.pruner = pruner;
        this.health = health;
        this.metrics = metrics;
    }

    public Outcome reconcile(String appId) {
        ConfigDocument doc = streams.config(appId);
        if (doc == null) {
            return deleted(appId);
        }
        KustomizationSpec spec;
        try {
            spec = KustomizationSpec.of(doc);
        } catch (IllegalArgumentException e) {
            return once(appId, "invalid:" + e.getMessage(), () -> rejected(appId, doc.ref(), null, e.getMessage()));
        }
        if (spec.suspend()) {
            return once(appId, "suspended", () -> {
                LOG.infof("app=%s suspended: not applying until spec.suspend is false", appId);
                return Outcome.DONE;
            });
        }
        RenderedBundle bundle = streams.bundle(appId);
        if (bundle == null) {
            return Outcome.DONE;
        }
        if (bundle.failed()) {
            return once(appId, "failed:" + bundle.revision() + ":" + bundle.errors(), () -> rejected(appId, doc.ref(),
                    bundle.revision(), "build failed for revision " + bundle.revision() + ": "
                            + String.join("; ", bundle.errors())));
        }
        if (bundle.objects() == null || bundle.objects().isEmpty()) {
            return once(appId, "empty:" + bundle.digest(), () -> empty(appId, doc.ref(), bundle));
        }
        return once(appId, bundle.digest() + ":" + spec.prune() + ":" + spec.targetNamespace(),
                () -> applyAndPrune(appId, doc.ref(), spec, bundle));
    }

    /** Runs {@code step} unless the same inputs were already reconciled to completion. */
    private Outcome once(String appId, String inputs, Supplier<Outcome> step) {
        if (inputs.equals(handled.get(appId))) {
            return Outcome.DONE;
        }
        Outcome outcome = step.get();
        if (outcome == Outcome.DONE) {
            handled.put(appId, inputs);
        } else {
            handled.remove(appId);
        }
        return outcome;
    }

    private Outcome applyAndPrune(String appId, ObjectRef app, KustomizationSpec spec, RenderedBundle bundle) {
        long start = System.nanoTime();
        String revision = bundle.revision();
        AppStatus last = statuses.last(appId);
        ApplyResult result;
        try {
            result = applier.apply(app, appId, bundle.objects(), spec.targetNamespace());
        } catch (KubernetesClientException e) {
            failed(appId, app, revision, "apply failed for revision " + revision + ": " + ClusterObjects.reason(e));
            return finish(appId, revision, 0, 0, start, ApplyMetrics.FAILURE);
        }
        List<ObjectRef> appliedRefs = result.applied().stream().map(ApplyResult.Applied::ref).toList();
        if (!result.ok()) {
            applyFailed(appId, app, last, revision, result);
            return finish(appId, revision, result.applied().size(), 0, start, ApplyMetrics.FAILURE);
        }
        PruneResult pruned;
        try {
            pruned = spec.prune() ? pruner.prune(appId, without(StatusBook.inventory(last), appliedRefs))
                    : new PruneResult(List.of(), List.of(), List.of());
        } catch (KubernetesClientException e) {
            pruned = new PruneResult(List.of(), without(StatusBook.inventory(last), appliedRefs),
                    List.of("prune failed: " + ClusterObjects.reason(e)));
        }
        List<ObjectRef> inventory = new ArrayList<>(appliedRefs);
        inventory.addAll(pruned.failed());
        List<ResourceStatus> resources = result.applied().stream().map(AppReconciler::synced).toList();
        String message = "Applied revision: " + revision
                + (pruned.errors().isEmpty() ? "" : "; " + String.join("; ", pruned.errors()));
        AppStatus status = new AppStatus(AppStatus.VERSION, app,
                pruned.errors().isEmpty() ? AppStatus.SYNCED : AppStatus.OUT_OF_SYNC,
                HealthAssessor.worst(resources.stream().map(ResourceStatus::health).toList()), revision,
                bundle.digest(), message, resources, List.copyOf(inventory), Instant.now());
        long changes = result.count(Change.CREATED) + result.count(Change.CONFIGURED) + pruned.deleted().size();
        if (changes > 0 || !StatusBook.sameOutcome(last, status)) {
            statuses.event(Event.info(app, "ReconciliationSucceeded", "Applied revision: " + revision + " ("
                    + result.count(Change.CREATED) + " created, " + result.count(Change.CONFIGURED) + " configured, "
                    + result.count(Change.UNCHANGED) + " unchanged, " + pruned.deleted().size() + " pruned)"
                    + (pruned.errors().isEmpty() ? "" : "; " + String.join("; ", pruned.errors())),
                    revision, ApplyStreams.SERVICE));
        }
        statuses.record(appId, status);
        health.reportDegraded(last, status);
        metrics.applied(appId, result.applied().size());
        metrics.pruned(appId, pruned.deleted().size());
        return finish(appId, revision, result.applied().size(), pruned.deleted().size(), start,
                pruned.errors().isEmpty() ? ApplyMetrics.SUCCESS : ApplyMetrics.FAILURE);
    }

    /** Some objects were refused: nothing is pruned, and what was applied joins the inventory so it stays owned. */
    private void applyFailed(String appId, ObjectRef app, AppStatus last, String revision, ApplyResult result) {
        Map<String, ObjectRef> inventory = new LinkedHashMap<>();
        StatusBook.inventory(last).forEach(ref -> inventory.put(ref.id(), ref));
        List<ResourceStatus> resources = new ArrayList<>();
        for (ApplyResult.Applied applied : result.applied()) {
            inventory.put(applied.ref().id(), applied.ref());
            resources.add(synced(applied));
        }
        for (ApplyResult.Failure failure : result.failures()) {
            if (failure.ref() != null) {
                resources.add(new ResourceStatus(failure.ref(), AppStatus.OUT_OF_SYNC, AppStatus.MISSING,
                        failure.message()));
            }
        }
        String message = "apply failed for revision " + revision + ": "
                + result.failures().stream().map(ApplyResult.Failure::message).collect(Collectors.joining("; "));
        statuses.record(appId, new AppStatus(AppStatus.VERSION, app, AppStatus.OUT_OF_SYNC,
                HealthAssessor.worst(resources.stream().map(ResourceStatus::health).toList()),
                last == null ? null : last.revision(), last == null ? null : last.bundleDigest(), message,
                resources, List.copyOf(inventory.values()), Instant.now()));
        reportFailure(app, last, revision, message);
    }

    /**
     * The inputs cannot be applied (a failed build, an invalid spec): the cluster keeps the last
     * good state, the status and an event say why, and nothing is retried until the inputs change.
     */
    private Outcome rejected(String appId, ObjectRef app, String revision, String message) {
        failed(appId, app, revision, message);
        metrics.reconciled(appId, ApplyMetrics.FAILURE, Duration.ZERO);
        LOG.infof("app=%s revision=%s applied=0 pruned=0 outcome=failure: %s", appId, revision, message);
        return Outcome.DONE;
    }

    private void failed(String appId, ObjectRef app, String revision, String message) {
        AppStatus last = statuses.last(appId);
        statuses.record(appId, StatusBook.unchangedWith(app, last, message));
        reportFailure(app, last, revision, message);
    }

    /** One event per new failure: retries that fail the same way (the status says so already) stay quiet. */
    private void reportFailure(ObjectRef app, AppStatus last, String revision, String message) {
        if (last == null || !message.equals(last.message())) {
            statuses.event(Event.error(app, "ReconciliationFailed", message, revision, ApplyStreams.SERVICE));
        }
    }

    /** An empty bundle would prune everything: without allowEmpty that is refused, and said so. */
    private Outcome empty(String appId, ObjectRef app, RenderedBundle bundle) {
        String message = "revision " + bundle.revision() + " rendered no objects: nothing applied or pruned"
                + " (allowEmpty is not supported yet)";
        statuses.record(appId, StatusBook.unchangedWith(app, statuses.last(appId), message));
        statuses.event(Event.error(app, "PruneSkipped", message, bundle.revision(), ApplyStreams.SERVICE));
        LOG.infof("app=%s revision=%s applied=0 pruned=0 outcome=skipped: empty bundle", appId, bundle.revision());
        return Outcome.DONE;
    }

    /**
     * The Kustomization was deleted: stop tracking it. As in Flux, its objects are deleted only
     * when its last spec had prune: true.
     */
    private Outcome deleted(String appId) {
        AppStatus last = statuses.last(appId);
        ConfigDocument lastDoc = streams.lastKnownConfig(appId);
        handled.remove(appId);
        if (last == null) {
            streams.forgetConfig(appId);
            return Outcome.DONE;
        }
        long start = System.nanoTime();
        boolean prune = lastDoc != null && pruneOf(lastDoc);
        PruneResult pruned = new PruneResult(List.of(), List.of(), List.of());
        if (prune) {
            try {
                pruned = pruner.prune(appId, StatusBook.inventory(last));
            } catch (KubernetesClientException e) {
                LOG.warnf("app=%s deleted, cannot prune its objects yet: %s", appId, ClusterObjects.reason(e));
                return finish(appId, last.revision(), 0, 0, start, ApplyMetrics.FAILURE);
            }
        }
        String message = last.app().display() + " deleted: " + (prune ? pruned.deleted().size() + " objects pruned"
                : "its objects stay in the cluster (spec.prune is not true)")
                + (pruned.errors().isEmpty() ? "" : "; " + String.join("; ", pruned.errors()));
        statuses.remove(appId);
        streams.forgetConfig(appId);
        statuses.event(Event.info(last.app(), "Deleted", message, last.revision(), ApplyStreams.SERVICE));
        metrics.pruned(appId, pruned.deleted().size());
        return finish(appId, last.revision(), 0, pruned.deleted().size(), start, ApplyMetrics.SUCCESS);
    }

    private static boolean pruneOf(ConfigDocument doc) {
        try {
            return KustomizationSpec.of(doc).prune();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private Outcome finish(String appId, String revision, long applied, long pruned, long startNanos,
            String outcome) {
        Duration duration = Duration.ofNanos(System.nanoTime() - startNanos);
        metrics.reconciled(appId, outcome, duration);
        LOG.infof("app=%s revision=%s applied=%d pruned=%d duration=%dms outcome=%s", appId, revision, applied,
                pruned, duration.toMillis(), outcome);
        return ApplyMetrics.SUCCESS.equals(outcome) ? Outcome.DONE : Outcome.RETRY;
    }

    private static ResourceStatus synced(ApplyResult.Applied applied) {
        Health health = HealthAssessor.assess(applied.live());
        return new ResourceStatus(applied.ref(), AppStatus.SYNCED, health.status(), health.message());
    }

    private static List<ObjectRef> without(List<ObjectRef> inventory, List<ObjectRef> kept) {
        Set<String> keptIds = kept.stream().map(ObjectRef::id).collect(Collectors.toSet());
        return inventory.stream().filter(ref -> !keptIds.contains(ref.id())).toList();
    }
}
