package io.sluice.apply.app;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.sluice.api.argo.Application;
import io.sluice.api.argo.ArgoAnnotations;

/**
 * Whether a deleted application's objects are deleted with it, and how. An Argo CD Application
 * cascades only with Argo CD's resources finalizer in its metadata.finalizers (foreground, or as
 * its {@code /background} or {@code /foreground} variant says); without it, its objects stay
 * (Argo CD's non-cascading delete). Flux kinds cascade when their last spec had prune on and they
 * were not suspended, in the background.
 *
 * @param why for the event, when nothing is deleted: why the objects stay
 * @param heldBySuspension whether a suspended application keeps its objects (Flux kinds)
 */
record DeletionPolicy(boolean cascade, DeletionPropagation propagation, String why, boolean heldBySuspension) {
    private static final String SUSPENDED = "it was suspended";

    /** A Flux kind: its objects go with it when it prunes. */
    static DeletionPolicy ofPrune(boolean prune) {
        return prune ? new DeletionPolicy(true, DeletionPropagation.BACKGROUND, null, true)
                : new DeletionPolicy(false, null, "spec.prune is not true", true);
    }

    /** An Argo CD Application: as its resources finalizer says. */
    static DeletionPolicy ofFinalizers(Application.Cascade cascade) {
        return switch (cascade) {
            case BACKGROUND -> new DeletionPolicy(true, DeletionPropagation.BACKGROUND, null, false);
            case FOREGROUND -> new DeletionPolicy(true, DeletionPropagation.FOREGROUND, null, false);
            case NONE -> new DeletionPolicy(false, null, "metadata.finalizers has no "
                    + ArgoAnnotations.RESOURCES_FINALIZER, false);
        };
    }

    /**
     * What deleting the application does, from its last policy ({@code last}; null when its last
     * document is unknown or did not read: then nothing is deleted).
     */
    static DeletionPolicy whenDeleted(ApplyPolicy last, boolean suspendedByCommand) {
        if (last == null) {
            return new DeletionPolicy(false, null, suspendedByCommand ? SUSPENDED : "spec.prune is not true", true);
        }
        DeletionPolicy policy = last.deletion();
        if (policy.heldBySuspension() && (suspendedByCommand || last.suspend())) {
            return new DeletionPolicy(false, null, SUSPENDED, true);
        }
        return policy;
    }
}
