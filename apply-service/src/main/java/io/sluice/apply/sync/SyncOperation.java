package io.sluice.apply.sync;

/**
 * One apply of a bundle as a sync operation: with {@code key} (the inputs being synced; null when
 * the apply only corrects drift or checks, which runs no hook), the application's rules.
 */
public record SyncOperation(AppSyncRules rules, String key) {
    public static final SyncOperation CHECK = new SyncOperation(AppSyncRules.DEFAULTS, null);

    boolean runsHooks() {
        return key != null;
    }
}
