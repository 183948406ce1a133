package io.sluice.events;

import java.time.Instant;
import java.util.List;

/**
 * An application's state in its cluster, on {@link Topics#APPLY_STATUS}, keyed by the application
 * id. {@code inventory} lists every object Sluice applied for it: the only objects it may prune.
 */
public record AppStatus(int schemaVersion, ObjectRef app, String sync, String health, String revision,
        String bundleDigest, String message, List<ResourceStatus> resources, List<ObjectRef> inventory,
        Instant time) implements Message {
    public static final int VERSION = 1;

    public static final String SYNCED = "Synced";
    public static final String OUT_OF_SYNC = "OutOfSync";
    public static final String UNKNOWN = "Unknown";

    public static final String HEALTHY = "Healthy";
    public static final String PROGRESSING = "Progressing";
    public static final String DEGRADED = "Degraded";
    public static final String MISSING = "Missing";

    /** One object's sync and health inside an application. */
    public record ResourceStatus(ObjectRef ref, String sync, String health, String message) {
    }
}
