package io.sluice.apply.app;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.sluice.api.status.Reasons;
import io.sluice.api.status.SyncCode;
import io.sluice.apply.bundle.BundleUnavailableException;
import io.sluice.apply.cluster.ClusterObjects;
import io.sluice.apply.drift.InventoryWatch;
import io.sluice.apply.history.SyncHistory.Initiator;
import io.sluice.events.AppStatus;
import io.sluice.events.ConfigDocument;
import io.sluice.events.Event;
import io.sluice.events.RenderedBundle;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Brings one application to the state its latest inputs ask for. {@link #reconcile} reads as its
 * steps: an application whose document is gone is deleted; one suspended, invalid, without a usable
 * bundle, waiting for its dependencies or for a user's sync is held, saying why once; one that does
 * not self-heal has its drift reported; else its bundle is synced ({@link AppSync}). It always works
 * from the latest document and bundle and writes only what differs, so it may run whenever anything
 * may have changed: new inputs, the interval, a watched object's change, a retry, a user's command.
 * Runs on the worker thread only.
 */
@ApplicationScoped
public class AppReconciler {
    private static final Logger LOG = Logger.getLogger(AppReconciler.class);

    private final ApplyStreams streams;
    private final StatusBook statuses;
    private final InventoryWatch watch;
    private final ApplyPolicies policies;
    private final DriftReports driftReports;
    private final FailureReports failures;
    private final AppDeletion deletion;
    private final AppDestinations destinations;
    private final DependencyGate dependencies;
    private final AppSync sync;
    /** Per application, the inputs of the refusal or suspension last reported: the same is not reported again. */
    private final Map<String, String> handled = new HashMap<>();

    AppReconciler(ApplyStreams streams, StatusBook statuses, InventoryWatch watch, ApplyPolicies policies,
            DriftReports driftReports, FailureReports failures, AppDeletion deletion, AppDestinations destinations,
            DependencyGate dependencies, AppSync sync) {
        this.streams = streams;
        this.statuses = statuses;
        this.watch = watch;
        this.policies = policies;
        this.driftReports = driftReports;
        this.failures = failures;
        this.deletion = deletion;
        this.destinations = destinations;
        this.dependencies = dependencies;
        this.sync = sync;
    }

    public ReconcileOutcome reconcile(String appId) {
        return reconcile(appId, SyncRequest.AUTOMATIC);
    }

    ReconcileOutcome reconcile(String appId, SyncRequest request) {
        SyncRun run = new SyncRun(appId, request, streams.config(appId), statuses.last(appId));
        return run.through(this::deleteWhenGone, this::holdWhileSuspendedByCommand, this::readPolicy,
                this::routeToCluster, this::holdWhileSuspendedBySpec, this::readBundle, this::refuseFailedBuild,
                this::refuseEmptyBundle, this::waitForDependencies, this::waitForSyncCommand,
                this::reportDriftWithoutSelfHeal, this::sync);
    }

    /** Drops what this instance remembers of an application handed over to another instance. */
    void forget(String appId) {
        handled.remove(appId);
        sync.forget(appId);
    }

    /**
     * Applies an earlier bundle for a user's rollback, like a sync and whatever the suspension;
     * the caller pauses automated sync afterwards. An invalid document is an IllegalArgumentException.
     */
    ReconcileOutcome rollback(String appId, RenderedBundle bundle, SyncRequest request, Initiator initiator) {
        SyncRun run = new SyncRun(appId, request, streams.config(appId), statuses.last(appId));
        run.policy = policies.read(run.doc);
        run.bundle = bundle;
        run.rollback = initiator;
        handled.remove(appId);
        return sync.applyAndPrune(run);
    }

    /** Reconciles an application just resumed, even if its suspension by spec.suspend was reported before. */
    ReconcileOutcome resumed(String appId) {
        handled.remove(appId);
        return reconcile(appId);
    }

    private ReconcileOutcome deleteWhenGone(SyncRun run) {
        if (run.doc != null) {
            return null;
        }
        forget(run.appId);
        return deletion.deleted(run.appId);
    }

    private ReconcileOutcome holdWhileSuspendedByCommand(SyncRun run) {
        if (!statuses.suspendedByCommand(run.appId) || run.request.manual()) {
            return null;
        }
        watch.untrack(run.appId);
        return ReconcileOutcome.idle();
    }

    /** A document that does not read waits for a new one. */
    private ReconcileOutcome readPolicy(SyncRun run) {
        try {
            run.policy = policies.read(run.doc);
            return null;
        } catch (IllegalArgumentException e) {
            refuseOnce(run, e.getMessage());
            return ReconcileOutcome.idle();
        }
    }

    /** A cluster no Secret describes yet is retried: the Secret may appear later. */
    private ReconcileOutcome routeToCluster(SyncRun run) {
        try {
            destinations.route(run.appId, run.doc, run.policy);
            return null;
        } catch (IllegalArgumentException e) {
            refuseOnce(run, e.getMessage());
            return e instanceof AppDestinations.UnknownDestinationException ? new ReconcileOutcome(true, null, null)
                    : ReconcileOutcome.idle();
        }
    }

    private void refuseOnce(SyncRun run, String message) {
        once(run, "invalid:" + message, () -> failures.rejected(run.appId, run.app(), null, message));
    }

    private ReconcileOutcome holdWhileSuspendedBySpec(SyncRun run) {
        if (!run.policy.suspend() || run.request.manual()) {
            return null;
        }
        watch.untrack(run.appId);
        once(run, "suspended", () -> failures.suspendedBySpec(run.appId, run.doc));
        return ReconcileOutcome.idle();
    }

    /** No bundle yet waits for one; a claim check that cannot be fetched now may be later. Nothing is applied or pruned. */
    private ReconcileOutcome readBundle(SyncRun run) {
        try {
            run.bundle = streams.bundle(run.appId);
        } catch (BundleUnavailableException e) {
            failures.rejected(run.appId, run.app(), e.revision(), e.getMessage());
            return e.retryable() ? ReconcileOutcome.of(true, run.policy) : ReconcileOutcome.idle();
        }
        return run.bundle == null ? ReconcileOutcome.idle() : null;
    }

    /** A failed build never prunes: the last good state stays applied. */
    private ReconcileOutcome refuseFailedBuild(SyncRun run) {
        RenderedBundle bundle = run.bundle;
        if (!bundle.failed()) {
            return null;
        }
        once(run, "failed:" + bundle.revision() + ":" + bundle.errors(), () -> failures.rejected(run.appId, run.app(),
                bundle.revision(), "build failed for revision " + bundle.revision() + ": "
                        + String.join("; ", bundle.errors())));
        return ReconcileOutcome.idle();
    }

    /** An empty bundle would prune everything: only an application that allows it may. */
    private ReconcileOutcome refuseEmptyBundle(SyncRun run) {
        RenderedBundle bundle = run.bundle;
        if (bundle.objects() != null && (!bundle.objects().isEmpty() || run.policy.sync().allowEmpty())) {
            return null;
        }
        once(run, "empty:" + bundle.digest(), () -> failures.empty(run.appId, run.app(), bundle));
        return ReconcileOutcome.idle();
    }

    private ReconcileOutcome waitForDependencies(SyncRun run) {
        String blocked = dependencies.blocker(run.appId, run.app(), run.policy);
        return blocked == null ? null : dependencies.hold(run.appId, run.app(), run.policy, run.bundle, blocked);
    }

    /**
     * An application without automated sync (Argo CD's default) is applied only by a user's sync
     * command: a bundle not applied yet makes it OutOfSync, said once per bundle.
     */
    private ReconcileOutcome waitForSyncCommand(SyncRun run) {
        if (run.policy.automated() || run.request.manual()) {
            return null;
        }
        if (sync.sameInputs(run)) {
            return reportDrift(run);
        }
        once(run, "awaiting-sync:" + run.bundle.digest(), () -> {
            String message = "Revision " + run.revision() + " not applied: automated sync is off"
                    + " (no spec.syncPolicy.automated); sync it by command";
            AppStatus unchanged = StatusBook.unchangedWith(run.app(), run.last, message);
            statuses.record(run.appId, unchanged.withSync(SyncCode.OUT_OF_SYNC));
            statuses.event(Event.info(run.app(), Reasons.OUT_OF_SYNC, message, run.revision(), ApplyStreams.SERVICE));
        });
        return ReconcileOutcome.idle();
    }

    /** Without self-heal, what changed in the cluster under the same inputs is reported, not corrected. */
    private ReconcileOutcome reportDriftWithoutSelfHeal(SyncRun run) {
        return run.policy.selfHeal() || run.request.manual() || !sync.sameInputs(run) ? null : reportDrift(run);
    }

    private ReconcileOutcome sync(SyncRun run) {
        handled.remove(run.appId);
        return run.request.dryRun() ? sync.dryRun(run) : sync.applyAndPrune(run);
    }

    /** Reports what changed in the cluster without correcting it; retried on failure. */
    private ReconcileOutcome reportDrift(SyncRun run) {
        try {
            driftReports.report(run.appId, run.app(), run.policy, run.bundle);
            return ReconcileOutcome.of(false, run.policy);
        } catch (KubernetesClientException e) {
            LOG.debugf("app=%s drift not checked: %s", run.appId, ClusterObjects.reason(e));
            return ReconcileOutcome.of(true, run.policy);
        }
    }

    /** Runs {@code report} unless the same inputs were already reported; a user's command always runs it. */
    private void once(SyncRun run, String inputs, Runnable report) {
        if (run.request.manual() || !inputs.equals(handled.get(run.appId))) {
            report.run();
            handled.put(run.appId, inputs);
        }
    }
}
