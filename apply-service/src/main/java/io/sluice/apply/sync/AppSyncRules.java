package io.sluice.apply.sync;

/**
 * An application's own rules for applying and pruning its objects, beyond the defaults.
 *
 * @param allowEmpty whether an empty bundle may prune every object of the application (Argo CD's
 *     syncPolicy.automated.allowEmpty; a Flux Kustomization has no such field: never)
 * @param force whether objects whose immutable fields changed are deleted and created again
 *     (Flux spec.force; Argo CD syncOptions Replace=true or Force=true)
 * @param keepUnpruned whether an object opted out of prune stays in the inventory, OutOfSync and
 *     "requires pruning" (Argo CD), rather than being dropped from it and left alone (Flux)
 */
public record AppSyncRules(boolean allowEmpty, boolean force, boolean keepUnpruned) {
    public static final AppSyncRules DEFAULTS = new AppSyncRules(false, false, false);

    /** Flux's kinds: never an empty prune, objects opted out of prune dropped from the inventory. */
    public static AppSyncRules flux(boolean force) {
        return new AppSyncRules(false, force, false);
    }

    /** Argo CD Applications: objects opted out of prune stay in the inventory, requiring pruning. */
    public static AppSyncRules argo(boolean allowEmpty, boolean force) {
        return new AppSyncRules(allowEmpty, force, true);
    }
}
