package io.sluice.apply.app;

import io.sluice.api.ObjectRef;
import io.sluice.api.status.Reasons;
import io.sluice.api.status.SyncCode;
import io.sluice.apply.sync.ApplyResult.Change;
import io.sluice.apply.sync.ApplyResult;
import io.sluice.apply.sync.BundleApplier;
import io.sluice.apply.sync.Pruner.PruneResult;
import io.sluice.events.AppStatus;
import io.sluice.events.Event;
import io.sluice.events.RenderedBundle;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * For an application without self-heal (an Argo CD Application without selfHeal or automated
 * sync, a HelmRelease without drift detection), what changed in the cluster stays as it is, as
 * in Argo CD and Flux: it is found by a dry run, which writes nothing, and reported as OutOfSync
 * with one event, until a sync or new inputs. Runs on the worker thread only.
 */
@ApplicationScoped
public class DriftReports {
    private static final PruneResult NOTHING_PRUNED = new PruneResult(List.of(), List.of(), List.of());

    private final BundleApplier applier;
    private final StatusBook statuses;

    DriftReports(BundleApplier applier, StatusBook statuses) {
        this.applier = applier;
        this.statuses = statuses;
    }

    /**
     * @throws io.fabric8.kubernetes.client.KubernetesClientException when the cluster does not answer
     */
    void report(String appId, ObjectRef app, ApplyPolicy policy, RenderedBundle bundle) {
        AppStatus last = statuses.last(appId);
        ApplyResult result = applier.apply(app, appId, bundle.objects(), policy.namespace(), true, policy.diff());
        AppStatus found = SyncReports.dryRun(app, last, bundle.revision(), "the drift check", result, NOTHING_PRUNED);
        boolean drifted = SyncCode.OUT_OF_SYNC.equals(found.sync());
        String message = drifted ? "Changed in the cluster since revision " + bundle.revision()
                + " was applied; self-heal is off, so it is left as it is: " + changes(result)
                : "Applied revision: " + bundle.revision();
        AppStatus status = found.withMessage(message).withTime(Instant.now()).withHistory(null);
        if (statuses.record(appId, status) && drifted && (last == null || !message.equals(last.message()))) {
            statuses.event(Event.info(app, Reasons.DRIFT_DETECTED, message, bundle.revision(), ApplyStreams.SERVICE));
        }
    }

    /** "Deployment/ns/web at /spec/replicas; ConfigMap/ns/settings deleted": pointers only, never values. */
    private static String changes(ApplyResult result) {
        return result.applied().stream().filter(a -> a.change() != Change.UNCHANGED)
                .map(a -> a.ref().display() + (a.change() == Change.CREATED ? " deleted"
                        : " at " + String.join(", ", a.differences())))
                .collect(Collectors.joining("; "));
    }
}
