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
 * @param prune whether objects the bundle no longer holds are deleted
 * @param selfHeal whether changes made in the cluster are corrected (watched and on the interval)
 * @param automated whether new revisions are applied without a user's sync command
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
public record ApplyPolicy(TargetNamespace namespace, boolean prune, boolean selfHeal, boolean automated,
        boolean suspend, Duration interval, Duration retryInterval, DeletionPropagation propagation, AppSyncRules sync,
        DiffOptions diff, Readiness readiness, ClusterTarget cluster, int historyLimit, DeletionPolicy deletion) {

    /** The namespace's name, for messages and the drift key; null when objects keep their own. */
    String targetNamespace() {
        return namespace == null ? null : namespace.name();
    }
}
