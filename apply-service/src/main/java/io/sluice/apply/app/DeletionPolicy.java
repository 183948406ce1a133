package io.sluice.apply.app;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.sluice.events.ConfigDocument;
import java.util.List;
import java.util.Map;

/**
 * Whether a deleted application's objects are deleted with it, and how. An Argo CD Application
 * cascades only with Argo CD's resources finalizer in its metadata.finalizers (foreground, or as
 * its {@code /background} or {@code /foreground} variant says); without it, its objects stay
 * (Argo CD's non-cascading delete). Flux kinds cascade when their last spec had prune on and they
 * were not suspended, with the application's propagation policy.
 *
 * @param why for the event, when nothing is deleted: why the objects stay
 */
record DeletionPolicy(boolean cascade, DeletionPropagation propagation, String why) {
    static final String RESOURCES_FINALIZER = "resources-finalizer.argocd.argoproj.io";

    static DeletionPolicy of(ConfigDocument lastDoc, AppSpec lastSpec, boolean suspendedByCommand) {
        if (lastDoc != null && ArgoApplicationSpec.KIND.equals(lastDoc.ref().kind())
                && ArgoApplicationSpec.GROUP.equals(lastDoc.ref().group())) {
            return argo(finalizers(lastDoc));
        }
        boolean suspended = suspendedByCommand || lastSpec != null && lastSpec.suspend();
        if (lastSpec != null && lastSpec.prune() && !suspended) {
            return new DeletionPolicy(true, lastSpec.propagation(), null);
        }
        return new DeletionPolicy(false, null, suspended ? "it was suspended" : "spec.prune is not true");
    }

    private static DeletionPolicy argo(List<?> finalizers) {
        if (finalizers.contains(RESOURCES_FINALIZER + "/background")) {
            return new DeletionPolicy(true, DeletionPropagation.BACKGROUND, null);
        }
        if (finalizers.contains(RESOURCES_FINALIZER) || finalizers.contains(RESOURCES_FINALIZER + "/foreground")) {
            return new DeletionPolicy(true, DeletionPropagation.FOREGROUND, null);
        }
        return new DeletionPolicy(false, null, "metadata.finalizers has no " + RESOURCES_FINALIZER);
    }

    private static List<?> finalizers(ConfigDocument doc) {
        return doc.document().get("metadata") instanceof Map<?, ?> metadata
                && metadata.get("finalizers") instanceof List<?> list ? list : List.of();
    }
}
