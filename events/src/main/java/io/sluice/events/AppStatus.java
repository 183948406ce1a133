package io.sluice.events;

import io.sluice.api.ObjectRef;
import java.time.Instant;
import java.util.List;

/**
 * An application's state in its cluster, on {@link Topics#APPLY_STATUS}, keyed by the application
 * id. {@code inventory} lists every object Sluice applied for it: the only objects it may prune.
 * {@code history} lists its last syncs, oldest first (null in statuses of producers that keep none,
 * and in a status built without it: the publisher then carries the last one over).
 */
public record AppStatus(int schemaVersion, ObjectRef app, String sync, String health, String revision,
        String bundleDigest, String message, List<ResourceStatus> resources, List<ObjectRef> inventory,
        Instant time, List<HistoryEntry> history) implements Message {
    public static final int VERSION = 1;

    /** A status without history, as producers wrote it before history existed. */
    public AppStatus(int schemaVersion, ObjectRef app, String sync, String health, String revision,
            String bundleDigest, String message, List<ResourceStatus> resources, List<ObjectRef> inventory,
            Instant time) {
        this(schemaVersion, app, sync, health, revision, bundleDigest, message, resources, inventory, time, null);
    }

    public AppStatus withHistory(List<HistoryEntry> entries) {
        return new AppStatus(schemaVersion, app, sync, health, revision, bundleDigest, message, resources, inventory,
                time, entries);
    }

    public static final String SYNCED = "Synced";
    public static final String OUT_OF_SYNC = "OutOfSync";
    public static final String UNKNOWN = "Unknown";

    public static final String HEALTHY = "Healthy";
    public static final String PROGRESSING = "Progressing";
    public static final String DEGRADED = "Degraded";
    public static final String MISSING = "Missing";

    /**
     * One sync of the application, as {@code argocd app history} lists them: ids increase by one per
     * sync; {@code trigger} is {@link #AUTOMATED}, {@link #SELF_HEAL}, {@link #SYNC} or {@link #ROLLBACK};
     * {@code initiatedBy} names the user of a command, or "automated".
     */
    public record HistoryEntry(long id, String revision, String bundleDigest, Instant startedAt,
            Instant finishedAt, String outcome, String trigger, String initiatedBy, String message) {
        public static final String SUCCEEDED = "Succeeded";
        public static final String FAILED = "Failed";
        public static final String AUTOMATED = "automated";
        public static final String SELF_HEAL = "self-heal";
        public static final String SYNC = "sync";
        public static final String ROLLBACK = "rollback";
    }

    /** One object's sync and health inside an application. */
    public record ResourceStatus(ObjectRef ref, String sync, String health, String message) {
    }
}
