package io.sluice.apply.app;

import io.sluice.api.status.HealthCode;
import io.sluice.api.status.SyncCode;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.sluice.apply.bundle.BundleUnavailableException;
import io.sluice.apply.cluster.ClusterObjects;
import io.sluice.apply.drift.InventoryWatch;
import io.sluice.apply.health.HealthAssessor;
import io.sluice.apply.history.SyncHistory;
import io.sluice.apply.history.SyncHistory.Initiator;
import io.sluice.apply.sync.ApplyResult;
import io.sluice.apply.sync.ApplyResult.Change;
import io.sluice.apply.sync.BundleApplier;
import io.sluice.apply.sync.Pruner;
import io.sluice.apply.sync.Pruner.PruneResult;
import io.sluice.apply.sync.SyncOperation;
import io.sluice.events.AppStatus;
import io.sluice.events.AppStatus.ResourceStatus;
import io.sluice.events.ConfigDocument;
import io.sluice.events.Event;
import io.sluice.api.ObjectRef;
import io.sluice.events.RenderedBundle;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Brings one application to the state its latest inputs ask for: applies the objects of its
 * bundle that are out of sync, prunes what the bundle no longer holds (only when prune is on and
 * the bundle is good and not empty), assesses health and reports the result. It always works from
 * the latest Kustomization and bundle and writes only what differs, so it may run whenever
 * anything may have changed: new inputs, the interval, a watched object's change, a retry, a
 * user's command. A correction made while the inputs stayed the same is drift, reported as such.
 * Runs on the worker thread only.
 */
@ApplicationScoped
public class AppReconciler {
    private static final Logger LOG = Logger.getLogger(AppReconciler.class);
    /** How soon a sync waiting for a wave to become healthy looks again, besides every watched change. */
    private static final Duration WAVE_RECHECK = Duration.ofSeconds(2);
    private static final String WAITING = "waiting";

    private final ApplyStreams streams;
    private final StatusBook statuses;
    private final BundleApplier applier;
    private final Pruner pruner;
    private final HealthChecks health;
    private final ApplyMetrics metrics;
    private final InventoryWatch watch;
    private final ApplyPolicies policies;
    private final DriftReports driftReports;
    private final FailureReports failures;
    private final AppDeletion deletion;
    private final ReconcileRecorder recorder;
    private final AppDestinations destinations;
    private final SyncHistory history;
    private final DependencyGate dependencies;
    private final HealthWait healthWait;
    /** Per application, the inputs of the refusal or suspension last reported: the same is not reported again. */
    private final Map<String, String> handled = new HashMap<>();
    /** Per application, the inputs last applied in full: a correction under the same inputs is drift. */
    private final Map<String, String> synced = new HashMap<>();

    AppReconciler(ApplyStreams streams, StatusBook statuses, BundleApplier applier, Pruner pruner,
            HealthChecks health, ApplyMetrics metrics, InventoryWatch watch, ApplyPolicies policies,
            DriftReports driftReports, FailureReports failures, AppDeletion deletion, ReconcileRecorder recorder,
            AppDestinations destinations, SyncHistory history, DependencyGate dependencies, HealthWait healthWait) {
        this.streams = streams;
        this.statuses = statuses;
        this.applier = applier;
        this.pruner = pruner;
        this.health = health;
        this.metrics = metrics;
        this.watch = watch;
        this.policies = policies;
        this.driftReports = driftReports;
        this.failures = failures;
        this.deletion = deletion;
        this.recorder = recorder;
        this.destinations = destinations;
        this.history = history;
        this.dependencies = dependencies;
        this.healthWait = healthWait;
    }

    public Outcome reconcile(String appId) {
        return reconcile(appId, SyncRequest.AUTOMATIC);
    }

    Outcome reconcile(String appId, SyncRequest request) {
        ConfigDocument doc = streams.config(appId);
        if (doc == null) {
            forget(appId);
            return deletion.deleted(appId);
        }
        if (statuses.suspendedByCommand(appId) && !request.manual()) {
            watch.untrack(appId);
            return Outcome.idle();
        }
        ApplyPolicy policy;
        try {
            policy = policies.read(doc);
            destinations.route(appId, doc, policy);
        } catch (IllegalArgumentException e) {
            once(appId, "invalid:" + e.getMessage(), request, () -> failures.rejected(appId, doc.ref(), null, e.getMessage()));
            // A destination's Secret may appear later; an invalid spec waits for a new one.
            return e instanceof AppDestinations.UnknownDestinationException ? new Outcome(true, null, null)
                    : Outcome.idle();
        }
        if (policy.suspend() && !request.manual()) {
            watch.untrack(appId);
            once(appId, "suspended", request, () -> failures.suspendedBySpec(appId, doc));
            return Outcome.idle();
        }
        RenderedBundle bundle;
        try {
            bundle = streams.bundle(appId);
        } catch (BundleUnavailableException e) {
            // Nothing applied or pruned; a claim check that cannot be fetched now may be later.
            failures.rejected(appId, doc.ref(), e.revision(), e.getMessage());
            return e.retryable() ? Outcome.of(true, policy) : Outcome.idle();
        }
        if (bundle == null) {
            return Outcome.idle();
        }
        if (bundle.failed()) {
            once(appId, "failed:" + bundle.revision() + ":" + bundle.errors(), request, () -> failures.rejected(appId,
                    doc.ref(), bundle.revision(), "build failed for revision " + bundle.revision() + ": "
                            + String.join("; ", bundle.errors())));
            return Outcome.idle();
        }
        if (bundle.objects() == null || bundle.objects().isEmpty() && !policy.sync().allowEmpty()) {
            once(appId, "empty:" + bundle.digest(), request, () -> failures.empty(appId, doc.ref(), bundle));
            return Outcome.idle();
        }
        String blocked = dependencies.blocker(appId, doc.ref(), policy);
        if (blocked != null) {
            return dependencies.hold(appId, doc.ref(), policy, bundle, blocked);
        }
        if (!policy.automated() && !request.manual()) {
            return awaitingSync(appId, doc.ref(), policy, bundle, request);
        }
        if (!policy.selfHeal() && !request.manual() && sameInputs(appId, inputs(policy, bundle), statuses.last(appId),
                bundle)) {
            return reportDrift(appId, doc.ref(), policy, bundle);
        }
        handled.remove(appId);
        return request.dryRun() ? dryRun(appId, doc.ref(), policy, bundle, request)
                : applyAndPrune(appId, doc.ref(), policy, bundle, request, null);
    }

    /** Drops what this instance remembers of an application handed over to another instance. */
    void forget(String appId) {
        handled.remove(appId);
        synced.remove(appId);
    }

    /**
     * Applies an earlier bundle for a user's rollback, like a sync and whatever the suspension;
     * the caller pauses automated sync afterwards. An invalid spec is an IllegalArgumentException.
     */
    Outcome rollback(String appId, RenderedBundle bundle, SyncRequest request, Initiator initiator) {
        ConfigDocument doc = streams.config(appId);
        ApplyPolicy policy = policies.read(doc);
        handled.remove(appId);
        return applyAndPrune(appId, doc.ref(), policy, bundle, request, initiator);
    }

    /** Reconciles an application just resumed, even if its suspension by spec.suspend was reported before. */
    Outcome resumed(String appId) {
        handled.remove(appId);
        return reconcile(appId);
    }

    /** Runs {@code step} unless the same inputs were already reported; a user's command always runs it. */
    private void once(String appId, String inputs, SyncRequest request, Runnable step) {
        if (request.manual() || !inputs.equals(handled.get(appId))) {
            step.run();
            handled.put(appId, inputs);
        }
    }

    /**
     * An application without automated sync (Argo CD's default) is applied only by a user's sync
     * command: a bundle not applied yet makes it OutOfSync, said once per bundle.
     */
    private Outcome awaitingSync(String appId, ObjectRef app, ApplyPolicy policy, RenderedBundle bundle,
            SyncRequest request) {
        AppStatus last = statuses.last(appId);
        if (sameInputs(appId, inputs(policy, bundle), last, bundle)) {
            return reportDrift(appId, app, policy, bundle);
        }
        once(appId, "awaiting-sync:" + bundle.digest(), request, () -> {
            String message = "Revision " + bundle.revision() + " not applied: automated sync is off"
                    + " (no spec.syncPolicy.automated); sync it by command";
            AppStatus unchanged = StatusBook.unchangedWith(app, last, message);
            statuses.record(appId, unchanged.withSync(SyncCode.OUT_OF_SYNC));
            statuses.event(Event.info(app, "OutOfSync", message, bundle.revision(), ApplyStreams.SERVICE));
        });
        return Outcome.idle();
    }

    /** Reports what changed in the cluster without correcting it; retried on failure. */
    private Outcome reportDrift(String appId, ObjectRef app, ApplyPolicy policy, RenderedBundle bundle) {
        try {
            driftReports.report(appId, app, policy, bundle);
            return Outcome.of(false, policy);
        } catch (KubernetesClientException e) {
            LOG.debugf("app=%s drift not checked: %s", appId, ClusterObjects.reason(e));
            return Outcome.of(true, policy);
        }
    }

    /** What an apply depends on besides the cluster: the same inputs applied again correct drift only. */
    private static String inputs(ApplyPolicy policy, RenderedBundle bundle) {
        return bundle.digest() + ":" + policy.prune() + ":" + policy.targetNamespace() + ":" + policy.cluster().key();
    }

    /** {@code rollback} is null unless a rollback asked for this apply. */
    private Outcome applyAndPrune(String appId, ObjectRef app, ApplyPolicy policy, RenderedBundle bundle,
            SyncRequest request, Initiator rollback) {
        long start = System.nanoTime();
        Instant startedAt = Instant.now();
        String revision = bundle.revision();
        AppStatus last = statuses.last(appId);
        String inputs = inputs(policy, bundle);
        boolean drift = !request.manual() && sameInputs(appId, inputs, last, bundle);
        ApplyResult result;
        try {
            // Hooks run once per sync operation: new inputs or a user's sync, never a drift correction.
            result = applier.apply(app, appId, bundle.objects(), policy.namespace(), false,
                    new SyncOperation(policy.sync(), drift ? null : inputs), policy.diff());
        } catch (KubernetesClientException e) {
            failures.failed(appId, app, revision, "apply failed for revision " + revision + ": " + ClusterObjects.reason(e));
            return recorder.finish(appId, revision, null, ReconcileRecorder.NOTHING_PRUNED, start, ApplyMetrics.FAILURE, policy);
        }
        long written = result.count(Change.CREATED) + result.count(Change.CONFIGURED);
        metrics.applied(appId, written);
        if (!result.ok()) {
            AppStatus failed = failures.applyFailed(appId, app, last, revision, result);
            if (request.manual()) {
                // A user's sync or rollback is history even when it fails; a failing automatic retry is not.
                statuses.record(appId, history.record(appId, policy.historyLimit(), last, failed, bundle,
                        rollback != null ? rollback : Initiator.sync(request.requestedBy()), startedAt, false));
            }
            watchUnlessSuspended(appId, policy, failed);
            return recorder.finish(appId, revision, result, ReconcileRecorder.NOTHING_PRUNED, start, ApplyMetrics.FAILURE, policy);
        }
        if (result.waiting()) {
            watchUnlessSuspended(appId, policy, failures.waiting(appId, app, last, revision, result));
            recorder.finish(appId, revision, result, ReconcileRecorder.NOTHING_PRUNED, start, WAITING, policy);
            return new Outcome(false, WAVE_RECHECK, policy.retryInterval());
        }
        List<ObjectRef> appliedRefs = result.applied().stream().map(ApplyResult.Applied::ref).toList();
        List<ObjectRef> leftovers = without(StatusBook.inventory(last), appliedRefs);
        PruneResult pruned;
        try {
            pruned = request.prune(policy) ? pruner.prune(appId, leftovers, policy.propagation(), false) : ReconcileRecorder.NOTHING_PRUNED;
        } catch (KubernetesClientException e) {
            pruned = new PruneResult(List.of(), leftovers, List.of("prune failed: " + ClusterObjects.reason(e)));
        }
        // A sync told not to prune an application that prunes keeps the leftovers owned, for a later sync to prune.
        List<ObjectRef> unpruned = request.prune(policy) || !policy.prune() ? List.of() : leftovers;
        // Argo CD keeps objects opted out of prune in the application, OutOfSync; Flux forgets them.
        List<ObjectRef> optedOut = policy.sync().keepUnpruned() ? pruned.optedOut() : List.of();
        List<ObjectRef> inventory = new ArrayList<>(appliedRefs);
        inventory.addAll(pruned.failed());
        inventory.addAll(unpruned);
        inventory.addAll(optedOut);
        List<ResourceStatus> resources = new ArrayList<>(result.applied().stream().map(SyncReports::synced).toList());
        unpruned.forEach(ref -> resources.add(new ResourceStatus(ref, SyncCode.OUT_OF_SYNC,
                SyncReports.lastHealth(last, ref), "not in revision " + revision + ": left to prune, as the sync asked")));
        optedOut.forEach(ref -> resources.add(new ResourceStatus(ref, SyncCode.OUT_OF_SYNC,
                SyncReports.lastHealth(last, ref), "not in revision " + revision + ": requires pruning, but its"
                        + " sync-options say Prune=false or Delete=false")));
        List<String> notes = new ArrayList<>(pruned.errors());
        if (!unpruned.isEmpty()) {
            notes.add(unpruned.size() + " objects left to prune, as the sync of " + request.requestedBy() + " asked");
        }
        if (!optedOut.isEmpty()) {
            notes.add(optedOut.size() + " objects require pruning but opted out of it");
        }
        String problems = notes.isEmpty() ? "" : "; " + String.join("; ", notes);
        AppStatus applied = AppStatus.of(app).withSync(notes.isEmpty() ? SyncCode.SYNCED : SyncCode.OUT_OF_SYNC)
                .withHealth(HealthCode.worst(resources.stream().map(ResourceStatus::health).toList()))
                .withBundle(revision, bundle.digest()).withMessage("Applied revision: " + revision + problems)
                .withResources(List.copyOf(resources)).withInventory(List.copyOf(inventory));
        HealthWait.Verdict verdict = healthWait.afterApply(appId, policy, inputs, applied);
        AppStatus status = verdict.status();
        boolean corrected = drift && written > 0;
        if (corrected) {
            statuses.event(Event.info(app, "DriftCorrected", "Corrected drift from revision " + revision + ": "
                    + SyncReports.corrections(result), revision, ApplyStreams.SERVICE));
            metrics.driftCorrected(appId, written);
        }
        if (!pruned.deleted().isEmpty() || request.manual()
                || !corrected && (written > 0 || !StatusBook.sameOutcome(last, status))) {
            statuses.event(Event.info(app, "ReconciliationSucceeded", "Applied revision: " + revision + " ("
                    + SyncReports.counts(result, pruned) + ")" + problems
                    + (request.manual() ? " on sync requested by " + request.requestedBy() : ""),
                    revision, ApplyStreams.SERVICE));
        }
        if (written > 0 || !pruned.deleted().isEmpty() || request.manual()) {
            Initiator initiator = rollback != null ? rollback
                    : request.manual() ? Initiator.sync(request.requestedBy()) : Initiator.automatic(corrected);
            status = history.record(appId, policy.historyLimit(), last, status, bundle, initiator, startedAt,
                    pruned.errors().isEmpty());
        }
        statuses.record(appId, status);
        synced.put(appId, inputs);
        watchUnlessSuspended(appId, policy, status);
        health.reportDegraded(last, status);
        metrics.pruned(appId, pruned.deleted().size());
        return recorder.finish(appId, revision, result, pruned, start,
                pruned.errors().isEmpty() && !verdict.failed() ? ApplyMetrics.SUCCESS : ApplyMetrics.FAILURE, policy);
    }

    /**
     * Whether the inputs are those last applied in full, so that whatever must be corrected now
     * was changed in the cluster. After a restart, the published status stands in for memory.
     */
    private boolean sameInputs(String appId, String inputs, AppStatus last, RenderedBundle bundle) {
        String previous = synced.get(appId);
        if (previous != null) {
            return previous.equals(inputs);
        }
        return last != null && bundle.digest().equals(last.bundleDigest()) && SyncCode.SYNCED.equals(last.sync());
    }

    /** Finds out what a sync would change, and reports it in the status and an event, writing nothing. */
    private Outcome dryRun(String appId, ObjectRef app, ApplyPolicy policy, RenderedBundle bundle,
            SyncRequest request) {
        long start = System.nanoTime();
        AppStatus last = statuses.last(appId);
        AppStatus status;
        try {
            ApplyResult result = applier.apply(app, appId, bundle.objects(), policy.namespace(), true, policy.diff());
            List<ObjectRef> leftovers = without(StatusBook.inventory(last),
                    result.applied().stream().map(ApplyResult.Applied::ref).toList());
            PruneResult pruned = request.prune(policy) && result.ok() ? pruner.prune(appId, leftovers, policy.propagation(), true)
                    : ReconcileRecorder.NOTHING_PRUNED;
            status = SyncReports.dryRun(app, last, bundle.revision(), request.requestedBy(), result, pruned);
        } catch (KubernetesClientException e) {
            status = StatusBook.unchangedWith(app, last, "Dry run by " + request.requestedBy() + " failed: "
                    + ClusterObjects.reason(e));
        }
        statuses.record(appId, status);
        statuses.event(Event.info(app, "SyncDryRun", status.message(), bundle.revision(), ApplyStreams.SERVICE));
        LOG.infof("app=%s revision=%s dry run by %s: sync=%s duration=%dms", appId, bundle.revision(),
                request.requestedBy(), status.sync(), Duration.ofNanos(System.nanoTime() - start).toMillis());
        return Outcome.idle();
    }

    /**
     * A manual sync of a suspended application does not turn its self-heal on. Applications without
     * self-heal are watched too: a change is then reported, not corrected.
     */
    private void watchUnlessSuspended(String appId, ApplyPolicy policy, AppStatus status) {
        if (!policy.suspend() && !statuses.suspendedByCommand(appId)) {
            watch.track(appId, status.inventory());
        }
    }

    private static List<ObjectRef> without(List<ObjectRef> inventory, List<ObjectRef> kept) {
        Set<String> keptIds = kept.stream().map(ObjectRef::id).collect(Collectors.toSet());
        return inventory.stream().filter(ref -> !keptIds.contains(ref.id())).toList();
    }
}
