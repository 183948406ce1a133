package io.sluice.apply.app;

import io.sluice.apply.sync.ApplyResult.Change;
import io.sluice.apply.sync.ApplyResult;
import io.sluice.apply.sync.Pruner.PruneResult;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import org.jboss.logging.Logger;

/** Records the end of one reconcile: the one INFO line an operator reads, and the duration metric. */
@ApplicationScoped
public class ReconcileRecorder {
    static final PruneResult NOTHING_PRUNED = new PruneResult(List.of(), List.of(), List.of());
    private static final Logger LOG = Logger.getLogger(AppReconciler.class);

    private final ApplyMetrics metrics;

    ReconcileRecorder(ApplyMetrics metrics) {
        this.metrics = metrics;
    }

    /** {@code spec} is null for a deleted application, which is not scheduled again. */
    ReconcileOutcome finish(String appId, String revision, ApplyResult result, PruneResult pruned, long startNanos,
            String outcome, ApplyPolicy policy) {
        Duration duration = Duration.ofNanos(System.nanoTime() - startNanos);
        metrics.reconciled(appId, outcome, duration);
        long applied = result == null ? 0 : result.count(Change.CREATED) + result.count(Change.CONFIGURED);
        long unchanged = result == null ? 0 : result.count(Change.UNCHANGED);
        LOG.infof("app=%s revision=%s applied=%d unchanged=%d pruned=%d duration=%dms outcome=%s", appId, revision,
                applied, unchanged, pruned.deleted().size(), duration.toMillis(), outcome);
        boolean failed = !ApplyMetrics.SUCCESS.equals(outcome);
        return policy == null ? new ReconcileOutcome(failed, null, null) : ReconcileOutcome.of(failed, policy);
    }

    /** A reconcile refused before any write (a failed build, an invalid spec, an empty bundle). */
    void refused(String appId, String revision, String outcome, String reason) {
        if (ApplyMetrics.FAILURE.equals(outcome)) {
            metrics.reconciled(appId, outcome, Duration.ZERO);
        }
        LOG.infof("app=%s revision=%s applied=0 unchanged=0 pruned=0 outcome=%s: %s", appId, revision, outcome, reason);
    }
}
