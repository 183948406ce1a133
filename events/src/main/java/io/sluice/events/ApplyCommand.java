package io.sluice.events;

import java.time.Instant;
import java.util.Map;

/** A user's request to an application: sync, rollback, suspend, resume; on {@link Topics#APPLY_COMMANDS}. */
public record ApplyCommand(int schemaVersion, String appId, String action, Map<String, String> options,
        String requestedBy, Instant time) implements Message {
    public static final int VERSION = 1;

    public static ApplyCommand of(String appId, String action, Map<String, String> options, String requestedBy,
            Instant time) {
        return new ApplyCommand(VERSION, appId, action, options, requestedBy, time);
    }
}
