package io.sluice.events;

import java.time.Instant;

/** A request to reconcile a source now, on {@link Topics#SOURCE_COMMANDS}, keyed by the source id. */
public record SourceCommand(int schemaVersion, String sourceId, String action, String requestedBy, Instant time)
        implements Message {
    public static final int VERSION = 1;
    public static final String RECONCILE = "reconcile";

    public static SourceCommand reconcile(String sourceId, String requestedBy, Instant time) {
        return new SourceCommand(VERSION, sourceId, RECONCILE, requestedBy, time);
    }
}
