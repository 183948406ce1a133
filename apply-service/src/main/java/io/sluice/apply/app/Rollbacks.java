package io.sluice.apply.app;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.sluice.api.status.Reasons;
import io.sluice.apply.bundle.BundleUnavailableException;
import io.sluice.apply.drift.InventoryWatch;
import io.sluice.apply.history.BundleArchive;
import io.sluice.apply.history.SyncHistory.Initiator;
import io.sluice.apply.history.SyncHistory;
import io.sluice.events.AppStatus.HistoryEntry;
import io.sluice.events.AppStatus;
import io.sluice.events.ConfigDocument;
import io.sluice.events.Event;
import io.sluice.events.RenderedBundle;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Rolls an application back to a history entry, as {@code argocd app rollback} does: applies the
 * entry's archived bundle like a sync (safe order, prune per spec), records it as a new entry
 * "rollback to N", and then pauses automated sync, as a suspension by command, until a user resumes
 * it: otherwise the next reconcile would apply the latest revision again. Argo CD refuses a rollback
 * while automated sync is on; Sluice turns it off for the application instead, and says so.
 * Runs on the worker thread only.
 */
@ApplicationScoped
public class Rollbacks {
    private static final Logger LOG = Logger.getLogger(Rollbacks.class);

    private final ApplyStreams streams;
    private final StatusBook statuses;
    private final AppReconciler reconciler;
    private final BundleArchive archive;
    private final InventoryWatch watch;
    private final MeterRegistry registry;

    Rollbacks(ApplyStreams streams, StatusBook statuses, AppReconciler reconciler, BundleArchive archive,
            InventoryWatch watch, MeterRegistry registry) {
        this.streams = streams;
        this.statuses = statuses;
        this.reconciler = reconciler;
        this.archive = archive;
        this.watch = watch;
        this.registry = registry;
    }

    /**
     * Rolls {@code appId} back to history entry {@code id} (null: the one before the last) for
     * {@code who}; {@code prune} null follows spec.prune. Null when refused: the plan stays as it was.
     */
    ReconcileOutcome rollback(String appId, Long id, Boolean prune, String who) {
        ConfigDocument doc = streams.config(appId);
        if (doc == null) {
            return null;
        }
        AppStatus last = statuses.last(appId);
        Optional<HistoryEntry> entry = SyncHistory.entry(last, id);
        if (entry.isEmpty()) {
            return refused(doc, who, (id == null ? "there is no entry before the last"
                    : "there is no history entry " + id) + " (history ids: " + SyncHistory.ids(last) + ")");
        }
        HistoryEntry target = entry.get();
        Optional<RenderedBundle> bundle = archive.find(appId, target.bundleDigest());
        if (bundle.isEmpty()) {
            return refused(doc, who, "the bundle of history entry " + target.id() + " (revision "
                    + target.revision() + ") is no longer stored");
        }
        RenderedBundle opened;
        try {
            // Stored as received: its Secrets sealed, a large one as a claim check (kept only for the last few).
            opened = streams.opened(appId, bundle.get());
        } catch (BundleUnavailableException e) {
            return refused(doc, who, e.getMessage());
        }
        ReconcileOutcome outcome;
        try {
            outcome = reconciler.rollback(appId, opened, new SyncRequest(who, prune, false),
                    Initiator.rollback(who, target.id()));
        } catch (IllegalArgumentException e) {
            return refused(doc, who, e.getMessage());
        }
        String what = "rollback to " + target.id() + " (revision " + target.revision() + ") by " + who;
        if (outcome.failed()) {
            count("failure");
            statuses.event(Event.error(doc.ref(), Reasons.ROLLBACK_FAILED, what + " failed: " + statuses.last(appId)
                    .message() + "; automated sync stays as it was", target.revision(), ApplyStreams.SERVICE));
            return outcome;
        }
        String reason = "rolled back to " + target.id() + " (revision " + target.revision() + ") by " + who
                + ": automated sync paused until resumed";
        statuses.pause(appId, doc.ref(), reason);
        watch.untrack(appId);
        statuses.event(Event.info(doc.ref(), Reasons.ROLLED_BACK, reason, target.revision(), ApplyStreams.SERVICE));
        count("success");
        LOG.infof("app=%s %s", appId, reason);
        return ReconcileOutcome.idle();
    }

    private ReconcileOutcome refused(ConfigDocument doc, String who, String why) {
        count("rejected");
        statuses.event(Event.error(doc.ref(), Reasons.COMMAND_REJECTED, "command rollback from " + who + " rejected: " + why,
                null, ApplyStreams.SERVICE));
        LOG.infof("app=%s rollback by %s rejected: %s", doc.ref().id(), who, why);
        return null;
    }

    private void count(String outcome) {
        Counter.builder("sluice.apply.rollbacks").description("Rollbacks to a history entry, by outcome")
                .tag("outcome", outcome).register(registry).increment();
    }
}
