package io.sluice.apply.app;

import io.sluice.api.ObjectRef;
import io.sluice.api.helm.HelmRelease;
import io.sluice.api.kustomize.Kustomization;
import io.sluice.api.status.HealthCode;
import io.sluice.api.status.Reasons;
import io.sluice.api.status.SyncCode;
import io.sluice.apply.health.HealthAssessor;
import io.sluice.apply.sync.ApplyResult;
import io.sluice.events.AppStatus.ResourceStatus;
import io.sluice.events.AppStatus;
import io.sluice.events.ConfigDocument;
import io.sluice.events.Event;
import io.sluice.events.RenderedBundle;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Says why an application's inputs were not applied, or not all of them: in its status, with one
 * event per new failure, and in the reconcile line. The cluster keeps the last good state in every case.
 */
@ApplicationScoped
public class FailureReports {
    /** How the message of an application whose retries were given up begins. */
    static final String RETRY_LIMIT = "Retry limit reached";
    private final StatusBook statuses;
    private final ReconcileRecorder recorder;

    FailureReports(StatusBook statuses, ReconcileRecorder recorder) {
        this.statuses = statuses;
        this.recorder = recorder;
    }

    /**
     * The inputs cannot be applied (a failed build, an invalid spec): the status and an event say
     * why, and nothing is retried until the inputs change.
     */
    void rejected(String appId, ObjectRef app, String revision, String message) {
        failed(appId, app, revision, message);
        recorder.refused(appId, revision, ApplyMetrics.FAILURE, message);
    }

    /** The last status stays, with {@code message} saying why; a new failure is also an event. */
    void failed(String appId, ObjectRef app, String revision, String message) {
        AppStatus last = statuses.last(appId);
        statuses.record(appId, StatusBook.unchangedWith(app, last, message));
        reportFailure(app, last, revision, message);
    }

    /** Some objects were refused: nothing is pruned, and what was applied joins the inventory so it stays owned. */
    AppStatus applyFailed(String appId, ObjectRef app, AppStatus last, String revision, ApplyResult result) {
        String message = "apply failed for revision " + revision + ": "
                + result.failures().stream().map(ApplyResult.Failure::message).collect(Collectors.joining("; "));
        AppStatus status = partlyApplied(appId, app, last, result, message);
        reportFailure(app, last, revision, message);
        return status;
    }

    /**
     * The sync stopped before a wave whose predecessor is not healthy yet: nothing is pruned, what
     * was applied joins the inventory, and the status says what the sync waits for.
     */
    AppStatus waiting(String appId, ObjectRef app, AppStatus last, String revision, ApplyResult result) {
        return partlyApplied(appId, app, last, result, "Sync of revision " + revision + " in progress: "
                + result.waitingFor());
    }

    private AppStatus partlyApplied(String appId, ObjectRef app, AppStatus last, ApplyResult result, String message) {
        Map<String, ObjectRef> inventory = new LinkedHashMap<>();
        StatusBook.inventory(last).forEach(ref -> inventory.put(ref.id(), ref));
        List<ResourceStatus> resources = new ArrayList<>();
        for (ApplyResult.Applied applied : result.applied()) {
            inventory.put(applied.ref().id(), applied.ref());
            resources.add(SyncReports.synced(applied));
        }
        for (ApplyResult.Failure failure : result.failures()) {
            if (failure.ref() != null) {
                resources.add(SyncReports.refused(failure));
            }
        }
        AppStatus status = AppStatus.of(app).withSync(SyncCode.OUT_OF_SYNC)
                .withHealth(HealthCode.worst(resources.stream().map(ResourceStatus::health).toList()))
                .withBundle(last == null ? null : last.revision(), last == null ? null : last.bundleDigest())
                .withMessage(message).withResources(resources).withInventory(List.copyOf(inventory.values()));
        statuses.record(appId, status);
        return status;
    }

    /** An empty bundle would prune everything: without allowEmpty that is refused, and said so. */
    void empty(String appId, ObjectRef app, RenderedBundle bundle) {
        String message = "revision " + bundle.revision() + " rendered no objects: nothing applied or pruned"
                + (Kustomization.KIND.matches(app) || HelmRelease.KIND.matches(app)
                ? " (an empty build never prunes a " + app.kind() + ")"
                : " (set spec.syncPolicy.automated.allowEmpty: true to let an empty revision prune everything)");
        statuses.record(appId, StatusBook.unchangedWith(app, statuses.last(appId), message));
        statuses.event(Event.error(app, Reasons.PRUNE_SKIPPED, message, bundle.revision(), ApplyStreams.SERVICE));
        recorder.refused(appId, bundle.revision(), "skipped", "empty bundle");
    }

    void suspendedBySpec(String appId, ConfigDocument doc) {
        AppStatus last = statuses.last(appId);
        statuses.record(appId, StatusBook.unchangedWith(doc.ref(), last, "Suspended by spec.suspend in "
                + doc.origin() + ": not reconciled or self-healed until it is false"));
        recorder.refused(appId, last == null ? null : last.revision(), "suspended",
                "not applying until spec.suspend is false");
    }

    /**
     * Retries stopped at the limit of spec.syncPolicy.retry: the status and an event say so, once.
     * New inputs or a user's sync command try again.
     */
    void retriesExhausted(String appId, int retries) {
        AppStatus last = statuses.last(appId);
        if (last == null || last.message() != null && last.message().startsWith(RETRY_LIMIT)) {
            return;
        }
        String message = RETRY_LIMIT + " after " + retries + " retries: not retried until new inputs or a sync"
                + " command (last: " + last.message() + ")";
        statuses.record(appId, StatusBook.unchangedWith(last.app(), last, message));
        statuses.event(Event.error(last.app(), Reasons.RETRY_LIMIT_REACHED, message, last.revision(), ApplyStreams.SERVICE));
    }

    /** One event per new failure: retries that fail the same way (the status says so already) stay quiet. */
    private void reportFailure(ObjectRef app, AppStatus last, String revision, String message) {
        if (last == null || last.message() == null || !last.message().endsWith(message)) {
            statuses.event(Event.error(app, Reasons.RECONCILIATION_FAILED, message, revision, ApplyStreams.SERVICE));
        }
    }
}
