package io.sluice.apply.app;

/**
 * How a reconcile was asked for: automatically (new inputs, the interval, a watched object's
 * change, a retry), or by a user's sync command, which runs even while the application is
 * suspended, may override spec.prune for this once, and may be a dry run that writes nothing.
 *
 * @param requestedBy who sent the sync command; null for an automatic reconcile
 * @param prune the command's prune option; null to follow spec.prune
 */
record SyncRequest(String requestedBy, Boolean prune, boolean dryRun) {
    static final SyncRequest AUTOMATIC = new SyncRequest(null, null, false);

    boolean manual() {
        return requestedBy != null;
    }

    boolean prune(ApplyPolicy policy) {
        return prune == null ? policy.prune() : prune;
    }
}
