package io.sluice.apply.sync;

/**
 * How an application's objects are applied and pruned beyond the defaults.
 *
 * @param allowEmpty whether an empty bundle may prune every object of the application
 */
public record SyncOptions(boolean allowEmpty) {
    public static final SyncOptions DEFAULTS = new SyncOptions(false);
}
