package io.sluice.apply.app;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.sluice.apply.diff.DiffOptions;
import io.sluice.apply.sync.AppSyncRules;
import io.sluice.apply.sync.TargetNamespace;
import java.time.Duration;

/**
 * What decides how and when an application's bundle is applied, whatever kind declares it (Flux
 * Kustomization or HelmRelease, Argo CD Application): built from the typed kind in one place,
 * {@link ApplyPolicies}.
 *
 * @param namespace where namespaced objects go and whether it may be created; null: their own
 * @param automation whether new revisions are applied without a user's sync command, and what they may change
 * @param suspend whether the application is suspended by its spec
 * @param interval how often it is reconciled without new inputs
 * @param retryInterval the first wait after a failed apply
 * @param propagation how the dependents of pruned objects are deleted
 * @param sync how objects are applied and pruned beyond the defaults
 * @param diff which differences do not count
 * @param readiness what the application waits for before and after it is applied
 * @param cluster the cluster its objects go to
 * @param historyLimit how many syncs its status keeps
 * @param deletion what deleting the application does to its objects
 */
public record ApplyPolicy(TargetNamespace namespace, Automation automation, boolean suspend, Duration interval, Duration retryInterval, DeletionPropagation propagation, AppSyncRules sync,
        DiffOptions diff, Readiness readiness, ClusterTarget cluster, int historyLimit, DeletionPolicy deletion) {

    /**
     * @param automated whether new revisions are applied without a user's sync command
     * @param prune whether objects the bundle no longer holds are deleted
     * @param selfHeal whether changes made in the cluster are corrected (watched and on the interval)
     */
    public record Automation(boolean automated, boolean prune, boolean selfHeal) {
        /**
         * Flux's kinds: every new revision is applied as it comes; {@code prune} as the kind says, drift
         * corrected when {@code correctsDrift}.
         */
        static Automation everyRevision(boolean prune, boolean correctsDrift) {
            return new Automation(true, prune, correctsDrift);
        }
    }

    boolean automated() {
        return automation.automated();
    }

    boolean prune() {
        return automation.prune();
    }

    boolean selfHeal() {
        return automation.selfHeal();
    }

    /** The namespace's name, for messages and the drift key; null when objects keep their own. */
    String targetNamespace() {
        return namespace == null ? null : namespace.name();
    }
}
