package io.sluice.apply.app;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.opentelemetry.api.OpenTelemetry;
import io.sluice.api.ObjectRef;
import io.sluice.api.status.Reasons;
import io.sluice.api.status.SyncCode;
import io.sluice.apply.cluster.ClusterObjects;
import io.sluice.apply.drift.InventoryWatch;
import io.sluice.apply.history.SyncHistory;
import io.sluice.apply.sync.ApplyResult;
import io.sluice.apply.sync.BundleApplier;
import io.sluice.apply.sync.Pruner.PruneResult;
import io.sluice.apply.sync.Pruner;
import io.sluice.apply.sync.SyncOperation;
import io.sluice.events.AppStatus.HistoryEntry;
import io.sluice.events.AppStatus;
import io.sluice.events.Event;
import io.sluice.events.RenderedBundle;
import io.sluice.events.trace.CommitSpans;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * One sync of an application's bundle, step by step: apply what is out of sync (hooks once per
 * sync operation), stop on refused objects or a wave not healthy yet, prune what left the bundle
 * (as the request and the policy say, never the objects that opted out), judge health (waiting for
 * it when the application asks), report (a drift correction, a success, a history entry only for
 * writes, prunes and users' syncs) and record the status. Or, for a dry run, find out what a sync
 * would change and write nothing. It remembers the inputs last applied in full, so that a
 * correction under the same inputs is told apart as drift. A sync that brings a new commit to the
 * cluster runs in the commit's trace ({@link CommitSpans}): its statuses and events carry it, and
 * its history entry says how long each stage took. Worker thread only.
 */
@ApplicationScoped
public class AppSync {
    private static final Logger LOG = Logger.getLogger(AppSync.class);
    /** How soon a sync waiting for a wave to become healthy looks again, besides every watched change. */
    private static final Duration WAVE_RECHECK = Duration.ofSeconds(2);
    private static final String WAITING = "waiting";

    private final StatusBook statuses;
    private final BundleApplier applier;
    private final Pruner pruner;
    private final HealthChecks health;
    private final HealthWait healthWait;
    private final ApplyMetrics metrics;
    private final InventoryWatch watch;
    private final FailureReports failures;
    private final ReconcileRecorder recorder;
    private final SyncHistory history;
    private final CommitSpans spans;
    /** Per application, the inputs last applied in full: a correction under the same inputs is drift. */
    private final Map<String, String> synced = new HashMap<>();

    AppSync(StatusBook statuses, BundleApplier applier, Pruner pruner, HealthChecks health, HealthWait healthWait,
            ApplyMetrics metrics, InventoryWatch watch, FailureReports failures, ReconcileRecorder recorder,
            SyncHistory history, OpenTelemetry openTelemetry) {
        this.statuses = statuses;
        this.applier = applier;
        this.pruner = pruner;
        this.health = health;
        this.healthWait = healthWait;
        this.metrics = metrics;
        this.watch = watch;
        this.failures = failures;
        this.recorder = recorder;
        this.history = history;
        this.spans = new CommitSpans(openTelemetry, ApplyStreams.SERVICE);
    }

    /**
     * Applies and prunes {@code run}'s bundle as its policy and request say; in the span "apply
     * &lt;app id&gt;" of the bundle's commit when it brings a new one.
     */
    ReconcileOutcome applyAndPrune(SyncRun run) {
        run.inputs = inputs(run.policy, run.bundle);
        run.drift = !run.request.manual() && sameInputs(run);
        if (!bringsNewCommit(run)) {
            return steps(run);
        }
        try (CommitSpans.Stage stage = spans.start("apply " + run.appId, run.bundle.trace().traceparent())) {
            run.commit = run.bundle.trace().withTraceparent(stage.traceparent());
            try {
                return steps(run);
            } catch (RuntimeException e) {
                stage.failed(e);
                throw e;
            }
        }
    }

    private ReconcileOutcome steps(SyncRun run) {
        return run.through(this::apply, this::stopOnRefusedObjects, this::stopWhileAWaveIsNotHealthy, this::prune,
                this::judgeHealth, this::reportDriftCorrected, this::reportSucceeded, this::addToHistory,
                this::record);
    }

    /**
     * Whether the sync brings the bundle's commit to the cluster: the bundle carries the commit's
     * trace and its revision is not the one last synced. A rollback or a resync of the same revision
     * is no step of a commit's way.
     */
    private static boolean bringsNewCommit(SyncRun run) {
        if (run.bundle.trace() == null || run.rollback != null) {
            return false;
        }
        List<HistoryEntry> entries = run.last == null || run.last.history() == null ? List.of() : run.last.history();
        return entries.isEmpty() || !run.revision().equals(entries.get(entries.size() - 1).revision());
    }

    /**
     * Whether {@code run}'s inputs are those last applied in full, so that whatever must be
     * corrected now was changed in the cluster. After a restart, the published status stands in for memory.
     */
    boolean sameInputs(SyncRun run) {
        String previous = synced.get(run.appId);
        if (previous != null) {
            return previous.equals(inputs(run.policy, run.bundle));
        }
        return run.last != null && run.bundle.digest().equals(run.last.bundleDigest())
                && SyncCode.SYNCED.equals(run.last.sync());
    }

    /** Drops what this instance remembers of an application handed over to another instance. */
    void forget(String appId) {
        synced.remove(appId);
    }

    /** What an apply depends on besides the cluster: the same inputs applied again correct drift only. */
    static String inputs(ApplyPolicy policy, RenderedBundle bundle) {
        return bundle.digest() + ":" + policy.prune() + ":" + policy.targetNamespace() + ":" + policy.cluster().key();
    }

    private ReconcileOutcome apply(SyncRun run) {
        try {
            // Hooks run once per sync operation: new inputs or a user's sync, never a drift correction.
            run.result = applier.apply(run.app(), run.appId, run.bundle.objects(), run.policy.namespace(), false,
                    new SyncOperation(run.policy.sync(), run.drift ? null : run.inputs), run.policy.diff());
        } catch (KubernetesClientException e) {
            failures.failed(run.appId, run.app(), run.revision(), "apply failed for revision " + run.revision() + ": "
                    + ClusterObjects.reason(e));
            return finish(run, ApplyMetrics.FAILURE);
        }
        metrics.applied(run.appId, run.written());
        return null;
    }

    /** Objects the cluster refused: nothing is pruned; a user's sync or rollback is history even when it fails. */
    private ReconcileOutcome stopOnRefusedObjects(SyncRun run) {
        if (run.result.ok()) {
            return null;
        }
        AppStatus failed = failures.applyFailed(run.appId, run.app(), run.last, run.revision(), run.result);
        if (run.request.manual()) {
            statuses.record(run.appId, history.record(run.appId, run.policy.historyLimit(), run.last, failed,
                    run.bundle, run.initiator(), run.startedAt, false, null));
        }
        watchUnlessSuspended(run, failed);
        return finish(run, ApplyMetrics.FAILURE);
    }

    /** A wave waits for the one before to be healthy: nothing is pruned yet, and the sync looks again soon. */
    private ReconcileOutcome stopWhileAWaveIsNotHealthy(SyncRun run) {
        if (!run.result.waiting()) {
            return null;
        }
        watchUnlessSuspended(run, failures.waiting(run.appId, run.app(), run.last, run.revision(), run.result));
        finish(run, WAITING);
        return new ReconcileOutcome(false, WAVE_RECHECK, run.policy.retryInterval());
    }

    /**
     * Prunes what the last inventory holds and the bundle no longer does, when the request (else
     * the policy) says so. A sync told not to prune an application that prunes keeps the leftovers
     * owned, for a later sync to prune; Argo CD keeps objects opted out of prune in the
     * application, OutOfSync, while Flux forgets them.
     */
    private ReconcileOutcome prune(SyncRun run) {
        List<ObjectRef> leftovers = without(StatusBook.inventory(run.last), appliedRefs(run.result));
        boolean prune = run.request.prune(run.policy);
        try {
            run.pruned = prune ? pruner.prune(run.appId, leftovers, run.policy.propagation(), false)
                    : ReconcileRecorder.NOTHING_PRUNED;
        } catch (KubernetesClientException e) {
            run.pruned = new PruneResult(List.of(), leftovers, List.of("prune failed: " + ClusterObjects.reason(e)));
        }
        run.unpruned = prune || !run.policy.prune() ? List.of() : leftovers;
        run.optedOut = run.policy.sync().keepUnpruned() ? run.pruned.optedOut() : List.of();
        run.notes = SyncReports.notes(run);
        return null;
    }

    /** The status of the applied objects, and whether the ones the application waits for are healthy in time. */
    private ReconcileOutcome judgeHealth(SyncRun run) {
        HealthWait.Verdict verdict = healthWait.afterApply(run.appId, run.policy, run.inputs, SyncReports.applied(run));
        run.status = verdict.status();
        run.healthFailed = verdict.failed();
        return null;
    }

    private ReconcileOutcome reportDriftCorrected(SyncRun run) {
        if (run.corrected()) {
            statuses.event(Event.info(run.app(), Reasons.DRIFT_CORRECTED, "Corrected drift from revision "
                    + run.revision() + ": " + SyncReports.corrections(run.result), run.revision(), ApplyStreams.SERVICE));
            metrics.driftCorrected(run.appId, run.written());
        }
        return null;
    }

    /** A success is said when it pruned, wrote or changed the outcome, or a user asked; a drift correction said it already. */
    private ReconcileOutcome reportSucceeded(SyncRun run) {
        if (!run.pruned.deleted().isEmpty() || run.request.manual()
                || !run.corrected() && (run.written() > 0 || !StatusBook.sameOutcome(run.last, run.status))) {
            statuses.event(Event.info(run.app(), Reasons.RECONCILIATION_SUCCEEDED, "Applied revision: "
                    + run.revision() + " (" + SyncReports.counts(run.result, run.pruned) + ")"
                    + SyncReports.suffix(run.notes)
                    + (run.request.manual() ? " on sync requested by " + run.request.requestedBy() : ""),
                    run.revision(), ApplyStreams.SERVICE));
        }
        return null;
    }

    private ReconcileOutcome addToHistory(SyncRun run) {
        if (run.isHistory()) {
            run.status = history.record(run.appId, run.policy.historyLimit(), run.last, run.status, run.bundle,
                    run.initiator(), run.startedAt, run.pruned.errors().isEmpty(), run.commit);
        }
        return null;
    }

    private ReconcileOutcome record(SyncRun run) {
        statuses.record(run.appId, run.status);
        synced.put(run.appId, run.inputs);
        watchUnlessSuspended(run, run.status);
        health.reportDegraded(run.last, run.status);
        metrics.pruned(run.appId, run.pruned.deleted().size());
        return finish(run, run.pruned.errors().isEmpty() && !run.healthFailed ? ApplyMetrics.SUCCESS
                : ApplyMetrics.FAILURE);
    }

    /** Finds out what a sync would change, and reports it in the status and an event, writing nothing. */
    ReconcileOutcome dryRun(SyncRun run) {
        AppStatus status;
        try {
            ApplyResult result = applier.apply(run.app(), run.appId, run.bundle.objects(), run.policy.namespace(), true,
                    run.policy.diff());
            List<ObjectRef> leftovers = without(StatusBook.inventory(run.last), appliedRefs(result));
            PruneResult pruned = run.request.prune(run.policy) && result.ok()
                    ? pruner.prune(run.appId, leftovers, run.policy.propagation(), true)
                    : ReconcileRecorder.NOTHING_PRUNED;
            status = SyncReports.dryRun(run.app(), run.last, run.revision(), run.request.requestedBy(), result, pruned);
        } catch (KubernetesClientException e) {
            status = StatusBook.unchangedWith(run.app(), run.last, "Dry run by " + run.request.requestedBy()
                    + " failed: " + ClusterObjects.reason(e));
        }
        statuses.record(run.appId, status);
        statuses.event(Event.info(run.app(), Reasons.SYNC_DRY_RUN, status.message(), run.revision(),
                ApplyStreams.SERVICE));
        LOG.infof("app=%s revision=%s dry run by %s: sync=%s duration=%dms", run.appId, run.revision(),
                run.request.requestedBy(), status.sync(), Duration.ofNanos(System.nanoTime() - run.startNanos)
                        .toMillis());
        return ReconcileOutcome.idle();
    }

    /** The end of a sync: its log line and metric; the outcome plans the next reconcile. */
    private ReconcileOutcome finish(SyncRun run, String outcome) {
        return recorder.finish(run.appId, run.revision(), run.result,
                run.pruned == null ? ReconcileRecorder.NOTHING_PRUNED : run.pruned, run.startNanos, outcome,
                run.policy);
    }

    /**
     * A manual sync of a suspended application does not turn its self-heal on. Applications without
     * self-heal are watched too: a change is then reported, not corrected.
     */
    private void watchUnlessSuspended(SyncRun run, AppStatus status) {
        if (!run.policy.suspend() && !statuses.suspendedByCommand(run.appId)) {
            watch.track(run.appId, status.inventory());
        }
    }

    private static List<ObjectRef> appliedRefs(ApplyResult result) {
        return result.applied().stream().map(ApplyResult.Applied::ref).toList();
    }

    private static List<ObjectRef> without(List<ObjectRef> inventory, List<ObjectRef> kept) {
        Set<String> keptIds = kept.stream().map(ObjectRef::id).collect(Collectors.toSet());
        return inventory.stream().filter(ref -> !keptIds.contains(ref.id())).toList();
    }
}
