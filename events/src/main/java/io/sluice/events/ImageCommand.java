package io.sluice.events;

import java.time.Instant;

/**
 * A request to act on an image object now, on {@link Topics#IMAGE_COMMANDS}, keyed by the object's id:
 * scan an ImageRepository, or run an ImageUpdateAutomation, without waiting for its interval.
 */
public record ImageCommand(int schemaVersion, String objectId, String action, String requestedBy, Instant time)
        implements Message {
    public static final int VERSION = 1;
    public static final String RECONCILE = "reconcile";

    public static ImageCommand reconcile(String objectId, String requestedBy, Instant time) {
        return new ImageCommand(VERSION, objectId, RECONCILE, requestedBy, time);
    }
}
