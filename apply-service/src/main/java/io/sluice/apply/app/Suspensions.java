package io.sluice.apply.app;

import io.sluice.api.status.Reasons;
import io.sluice.apply.drift.InventoryWatch;
import io.sluice.events.AppStatus;
import io.sluice.events.ConfigDocument;
import io.sluice.events.Event;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Suspends and resumes applications by users' commands. A suspended application is neither
 * reconciled nor self-healed; its health is still assessed and its sync status stays what it was
 * (as in Argo CD), while its status message says it is suspended (see {@link StatusBook}). A
 * suspension by spec.suspend is Git's to lift: resume refuses it, naming the file.
 * Runs on the worker thread only.
 */
@ApplicationScoped
public class Suspensions {
    private static final Logger LOG = Logger.getLogger(Suspensions.class);

    private final ApplyStreams streams;
    private final StatusBook statuses;
    private final InventoryWatch watch;
    private final AppReconciler reconciler;
    private final ApplyPolicies policies;

    Suspensions(ApplyStreams streams, StatusBook statuses, InventoryWatch watch, AppReconciler reconciler,
            ApplyPolicies policies) {
        this.streams = streams;
        this.statuses = statuses;
        this.watch = watch;
        this.reconciler = reconciler;
        this.policies = policies;
    }

    ReconcileOutcome suspend(String appId, String who) {
        ConfigDocument doc = streams.config(appId);
        if (doc == null || statuses.suspendedByCommand(appId)) {
            LOG.infof("app=%s suspend by %s: %s", appId, who, doc == null ? "no such application" : "already suspended");
            return ReconcileOutcome.idle();
        }
        statuses.suspend(appId, doc.ref(), who);
        watch.untrack(appId);
        AppStatus status = statuses.last(appId);
        statuses.event(Event.info(doc.ref(), Reasons.SUSPENDED, "suspended by " + who
                + ": not reconciled or self-healed until resumed", status.revision(), ApplyStreams.SERVICE));
        LOG.infof("app=%s suspended by %s", appId, who);
        return ReconcileOutcome.idle();
    }

    /** Lifts a suspension by command and reconciles at once. */
    ReconcileOutcome resume(String appId, String who) {
        ConfigDocument doc = streams.config(appId);
        if (doc == null || !statuses.suspendedByCommand(appId)) {
            ApplyPolicy policy = doc == null ? null : policies.readIfValid(doc);
            if (policy != null && policy.suspend()) {
                statuses.event(Event.error(doc.ref(), Reasons.RESUME_REFUSED, "cannot resume for " + who + ": spec.suspend"
                        + " is true in " + doc.origin() + "; set it to false in Git", null, ApplyStreams.SERVICE));
            }
            LOG.infof("app=%s resume by %s: not suspended by a command", appId, who);
            return ReconcileOutcome.idle();
        }
        statuses.resume(appId, doc.ref(), "Resumed by " + who);
        statuses.event(Event.info(doc.ref(), Reasons.RESUMED, "resumed by " + who, statuses.last(appId).revision(),
                ApplyStreams.SERVICE));
        return reconciler.resumed(appId);
    }
}
