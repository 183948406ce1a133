package io.sluice.apply.sync;

/**
 * How an application's objects are applied and pruned beyond the defaults.
 *
 * @param allowEmpty whether an empty bundle may prune every object of the application (Argo CD's
 *     syncPolicy.automated.allowEmpty; a Flux Kustomization has no such field: never)
 * @param force whether objects whose immutable fields changed are deleted and created again
 *     (Flux spec.force; Argo CD syncOptions Replace=true or Force=true)
 * @param keepUnpruned whether an object opted out of prune stays in the inventory, OutOfSync and
 *     "requires pruning" (Argo CD), rather than being dropped from it and left alone (Flux)
 */
public record SyncOptions(boolean allowEmpty, boolean force, boolean keepUnpruned) {
    public static final SyncOptions DEFAULTS = new SyncOptions(false, false, false);
}
