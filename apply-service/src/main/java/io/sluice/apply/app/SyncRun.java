package io.sluice.apply.app;

import io.sluice.api.ObjectRef;
import io.sluice.apply.history.SyncHistory.Initiator;
import io.sluice.apply.sync.ApplyResult.Change;
import io.sluice.apply.sync.ApplyResult;
import io.sluice.apply.sync.Pruner.PruneResult;
import io.sluice.events.AppStatus;
import io.sluice.events.CommitTrace;
import io.sluice.events.ConfigDocument;
import io.sluice.events.RenderedBundle;
import java.time.Instant;
import java.util.List;

/**
 * One reconcile of one application: what it starts from (the request, the document, the last
 * status), what it reads on the way (the policy, the bundle) and what each step of
 * {@link AppReconciler} and {@link AppSync} produced, for the steps after it. Worker thread only.
 */
final class SyncRun {
    /** One step of a reconcile; it returns the outcome that ends the reconcile, or null to go on. */
    @FunctionalInterface
    interface Step {
        ReconcileOutcome run(SyncRun run);
    }

    final String appId;
    final SyncRequest request;
    /** The application's document; null when it was deleted. */
    final ConfigDocument doc;
    /** The status before this run; null when there is none yet. */
    final AppStatus last;
    final long startNanos = System.nanoTime();
    final Instant startedAt = Instant.now();
    ApplyPolicy policy;
    RenderedBundle bundle;
    /** What set a rollback off, for its history entry; null unless a rollback asked for this run. */
    Initiator rollback;
    /** What the apply depends on besides the cluster (see {@link AppSync#inputs}). */
    String inputs;
    /** Whether the inputs are those last applied in full: what is corrected now was changed in the cluster. */
    boolean drift;
    ApplyResult result;
    PruneResult pruned;
    /** Objects left in the inventory because the sync asked not to prune. */
    List<ObjectRef> unpruned = List.of();
    /** Objects that require pruning but opted out of it, kept in the inventory (Argo CD). */
    List<ObjectRef> optedOut = List.of();
    /** What the status message adds to "Applied revision: ..." (prune errors, objects left). */
    List<String> notes = List.of();
    /** The status to record once the sync is over. */
    AppStatus status;
    /** Whether the objects it waits for did not become healthy within the timeout. */
    boolean healthFailed;
    /** The way of the commit this sync brings to the cluster, under the sync's span; null when it brings none. */
    CommitTrace commit;

    SyncRun(String appId, SyncRequest request, ConfigDocument doc, AppStatus last) {
        this.appId = appId;
        this.request = request;
        this.doc = doc;
        this.last = last;
    }

    /** Runs {@code steps} in turn until one ends the reconcile; its outcome, or null when none did. */
    ReconcileOutcome through(Step... steps) {
        for (Step step : steps) {
            ReconcileOutcome outcome = step.run(this);
            if (outcome != null) {
                return outcome;
            }
        }
        return null;
    }

    ObjectRef app() {
        return doc.ref();
    }

    String revision() {
        return bundle.revision();
    }

    /** Objects created or configured by the apply. */
    long written() {
        return result.count(Change.CREATED) + result.count(Change.CONFIGURED);
    }

    /** Whether the apply corrected drift: it wrote under the inputs last applied in full. */
    boolean corrected() {
        return drift && written() > 0;
    }

    /** Whether this sync goes into the history: it wrote or pruned something, or a user asked for it. */
    boolean isHistory() {
        return written() > 0 || !pruned.deleted().isEmpty() || request.manual();
    }

    /** What set this sync off, in the words of its history entry. */
    Initiator initiator() {
        return rollback != null ? rollback
                : request.manual() ? Initiator.sync(request.requestedBy()) : Initiator.automatic(corrected());
    }
}
