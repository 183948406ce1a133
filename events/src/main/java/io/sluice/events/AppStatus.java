package io.sluice.events;

import io.sluice.api.ObjectRef;
import io.sluice.api.status.HealthCode;
import io.sluice.api.status.SyncCode;
import java.time.Instant;
import java.util.List;

/**
 * An application's state in its cluster, on {@link Topics#APPLY_STATUS}, keyed by the application
 * id. {@code inventory} lists every object Sluice applied for it: the only objects it may prune.
 * {@code history} lists its last syncs, oldest first (null in statuses of producers that keep none,
 * and in a status built without it: the publisher then carries the last one over). Sync and health
 * travel as Argo CD writes them ("Synced", "Progressing"). Build one with {@link #of} and the
 * {@code with...} methods, which name each field.
 */
public record AppStatus(int schemaVersion, ObjectRef app, SyncCode sync, HealthCode health, String revision,
        String bundleDigest, String message, List<ResourceStatus> resources, List<ObjectRef> inventory,
        Instant time, List<HistoryEntry> history) implements Message {
    public static final int VERSION = 1;

    /** A status of {@code app} that knows nothing yet: sync and health Unknown, no objects, now. */
    public static AppStatus of(ObjectRef app) {
        return new AppStatus(VERSION, app, SyncCode.UNKNOWN, HealthCode.UNKNOWN, null, null, null, List.of(),
                List.of(), Instant.now(), null);
    }

    public AppStatus withSync(SyncCode code) {
        return new AppStatus(schemaVersion, app, code, health, revision, bundleDigest, message, resources, inventory,
                time, history);
    }

    public AppStatus withHealth(HealthCode code) {
        return new AppStatus(schemaVersion, app, sync, code, revision, bundleDigest, message, resources, inventory,
                time, history);
    }

    /** The revision and the digest of the bundle applied from it. */
    public AppStatus withBundle(String sourceRevision, String digest) {
        return new AppStatus(schemaVersion, app, sync, health, sourceRevision, digest, message, resources, inventory,
                time, history);
    }

    public AppStatus withMessage(String text) {
        return new AppStatus(schemaVersion, app, sync, health, revision, bundleDigest, text, resources, inventory,
                time, history);
    }

    public AppStatus withResources(List<ResourceStatus> objects) {
        return new AppStatus(schemaVersion, app, sync, health, revision, bundleDigest, message, objects, inventory,
                time, history);
    }

    public AppStatus withInventory(List<ObjectRef> objects) {
        return new AppStatus(schemaVersion, app, sync, health, revision, bundleDigest, message, resources, objects,
                time, history);
    }

    public AppStatus withTime(Instant when) {
        return new AppStatus(schemaVersion, app, sync, health, revision, bundleDigest, message, resources, inventory,
                when, history);
    }

    public AppStatus withHistory(List<HistoryEntry> entries) {
        return new AppStatus(schemaVersion, app, sync, health, revision, bundleDigest, message, resources, inventory,
                time, entries);
    }

    /**
     * One sync of the application, as {@code argocd app history} lists them: ids increase by one per
     * sync; {@code trigger} is {@link #AUTOMATED}, {@link #SELF_HEAL}, {@link #SYNC} or {@link #ROLLBACK};
     * {@code initiatedBy} names the user of a command, or "automated". {@code trace} is the commit's way
     * through the stages when a new revision started the sync (null for a sync of one already applied).
     */
    public record HistoryEntry(long id, String revision, String bundleDigest, Instant startedAt,
            Instant finishedAt, String outcome, String trigger, String initiatedBy, String message,
            CommitTrace trace) {
        public static final String SUCCEEDED = "Succeeded";
        public static final String FAILED = "Failed";
        public static final String AUTOMATED = "automated";
        public static final String SELF_HEAL = "self-heal";
        public static final String SYNC = "sync";
        public static final String ROLLBACK = "rollback";
    }

    /** One object's sync and health inside an application. */
    public record ResourceStatus(ObjectRef ref, SyncCode sync, HealthCode health, String message) {
    }
}
