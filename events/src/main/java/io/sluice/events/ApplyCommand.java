package io.sluice.events;

import java.time.Instant;
import java.util.Map;

/**
 * A user's request to an application: sync, rollback, suspend, resume; on {@link Topics#APPLY_COMMANDS}.
 * A rollback names the history entry in the option {@value #HISTORY_ID} (absent: the entry before the last).
 */
public record ApplyCommand(int schemaVersion, String appId, String action, Map<String, String> options,
        String requestedBy, Instant time) implements Message {
    public static final int VERSION = 1;
    public static final String ROLLBACK = "rollback";
    /** The option of a rollback that names the history entry to go back to. */
    public static final String HISTORY_ID = "id";

    public static ApplyCommand of(String appId, String action, Map<String, String> options, String requestedBy,
            Instant time) {
        return new ApplyCommand(VERSION, appId, action, options, requestedBy, time);
    }
}
